//! Each workspace crate's `rust-version` is at least what every dependency it can enable
//! declares: cargo refuses to compile a package on a rustc older than its `rust-version`, so a
//! lower value in our manifests would promise users a toolchain that cannot build us.
//!
//! "Can enable" is the crate with all its features, through normal and build dependencies (dev
//! dependencies never reach a user) on every target, with the versions Cargo.lock pins. The
//! workspace's resolve unifies features across members, so it over-approximates one crate's
//! graph; the walk below re-does cargo's feature activation from each crate instead, following
//! only the resolve's edges.

use cargo_metadata::{DependencyKind, Metadata, MetadataCommand, Package, PackageId};
use std::collections::{BTreeMap, BTreeSet, HashMap, VecDeque};
use std::path::Path;

#[test]
fn no_crate_declares_less_than_its_dependencies() {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits in the workspace root");
    let metadata = MetadataCommand::new()
        .manifest_path(workspace.join("Cargo.toml"))
        .features(cargo_metadata::CargoOpt::AllFeatures)
        .exec()
        .expect("cargo metadata");
    let graph = Graph::new(&metadata);

    let mut checked = Vec::new();
    let mut problems = Vec::new();
    for member in metadata.workspace_packages() {
        let Some(declared) = &member.rust_version else {
            continue;
        };
        checked.push(format!("{} {declared}", member.name));
        for (id, path) in graph.reachable(&member.id) {
            let dependency = graph.packages[&id];
            match &dependency.rust_version {
                Some(needed) if needed > declared => problems.push(format!(
                    "{} declares rust-version {declared}, but {} {} declares {needed} (reached \
                     through {})",
                    member.name,
                    dependency.name,
                    dependency.version,
                    path.join(" → ")
                )),
                _ => {}
            }
        }
    }
    assert!(
        !checked.is_empty(),
        "no workspace crate declares a rust-version"
    );
    assert!(
        problems.is_empty(),
        "raise these rust-versions (or pin the dependency lower in Cargo.lock):\n  {}",
        problems.join("\n  ")
    );
}

/// The resolve graph of `cargo metadata --all-features`, by package.
struct Graph<'a> {
    packages: HashMap<PackageId, &'a Package>,
    /// For each package: the resolved dependencies (package, kinds).
    edges: HashMap<PackageId, Vec<(PackageId, Vec<DependencyKind>)>>,
}

impl<'a> Graph<'a> {
    fn new(metadata: &'a Metadata) -> Self {
        let packages = metadata
            .packages
            .iter()
            .map(|p| (p.id.clone(), p))
            .collect();
        let resolve = metadata.resolve.as_ref().expect("cargo metadata resolves");
        let edges = resolve
            .nodes
            .iter()
            .map(|node| {
                let deps = node
                    .deps
                    .iter()
                    .map(|d| {
                        let kinds = d.dep_kinds.iter().map(|k| k.kind).collect();
                        (d.pkg.clone(), kinds)
                    })
                    .collect();
                (node.id.clone(), deps)
            })
            .collect();
        Graph { packages, edges }
    }

    /// Every package `root` reaches with all its features, with the chain of package names
    /// that reaches it first.
    fn reachable(&self, root: &PackageId) -> BTreeMap<PackageId, Vec<String>> {
        let mut features: HashMap<PackageId, BTreeSet<String>> = HashMap::new();
        let mut via: BTreeMap<PackageId, Vec<String>> = BTreeMap::new();
        let root_package = self.packages[root];
        let all: Vec<String> = root_package.features.keys().cloned().collect();
        let mut queue = VecDeque::new();
        self.activate(root, &all, true, &mut features, &mut queue);
        via.insert(root.clone(), vec![root_package.name.to_string()]);
        // A package is revisited whenever it gains a feature: a feature can enable an optional
        // dependency or a feature of one.
        while let Some(id) = queue.pop_front() {
            let package = self.packages[&id];
            let active = features[&id].clone();
            for dependency in &package.dependencies {
                if dependency.kind == DependencyKind::Development {
                    continue;
                }
                let key = dependency.rename.as_deref().unwrap_or(&dependency.name);
                if dependency.optional && !active.contains(&format!("dep:{key}")) {
                    continue;
                }
                let forwarded: Vec<String> = active
                    .iter()
                    .filter_map(|f| f.strip_prefix(&format!("{key}/")).map(str::to_string))
                    .chain(dependency.features.iter().cloned())
                    .collect();
                for target in self.resolved(&id, dependency) {
                    let newly_reached = !via.contains_key(&target);
                    if newly_reached {
                        let mut path = via[&id].clone();
                        path.push(self.packages[&target].name.to_string());
                        via.insert(target.clone(), path);
                    }
                    self.activate(
                        &target,
                        &forwarded,
                        dependency.uses_default_features,
                        &mut features,
                        &mut queue,
                    );
                }
            }
        }
        via.remove(root);
        via
    }

    /// The packages the resolve chose for one dependency declaration of `from`.
    fn resolved(
        &self,
        from: &PackageId,
        dependency: &cargo_metadata::Dependency,
    ) -> Vec<PackageId> {
        self.edges[from]
            .iter()
            .filter(|(to, kinds)| {
                let package = self.packages[to];
                package.name.as_str() == dependency.name
                    && dependency.req.matches(&package.version)
                    && kinds.contains(&dependency.kind)
            })
            .map(|(to, _)| to.clone())
            .collect()
    }

    /// Turns on `requested` (and `default`) in `id`, following the features they imply; queues
    /// the package if anything changed. Activations are recorded as cargo spells them:
    /// `dep:name` for an optional dependency, `name/feature` for a dependency's feature. A weak
    /// `name?/feature` records the forward without `dep:name`, so [`Self::reachable`] applies it
    /// only if something else turns `name` on.
    fn activate(
        &self,
        id: &PackageId,
        requested: &[String],
        default: bool,
        features: &mut HashMap<PackageId, BTreeSet<String>>,
        queue: &mut VecDeque<PackageId>,
    ) {
        let package = self.packages[id];
        let first_visit = !features.contains_key(id);
        let active = features.entry(id.clone()).or_default();
        let mut changed = first_visit;
        let mut todo: Vec<String> = requested.to_vec();
        if default && package.features.contains_key("default") {
            todo.push("default".into());
        }
        while let Some(feature) = todo.pop() {
            if let Some(dep) = feature.strip_prefix("dep:") {
                changed |= active.insert(format!("dep:{dep}"));
            } else if let Some((dep, dep_feature)) = feature.split_once('/') {
                let (dep, weak) = match dep.strip_suffix('?') {
                    Some(dep) => (dep, true),
                    None => (dep, false),
                };
                if !weak {
                    changed |= active.insert(format!("dep:{dep}"));
                }
                changed |= active.insert(format!("{dep}/{dep_feature}"));
            } else if let Some(implies) = package.features.get(&feature) {
                if active.insert(feature.clone()) {
                    changed = true;
                    todo.extend(implies.iter().cloned());
                }
            } else {
                // An optional dependency named as a feature, from before `dep:` existed.
                changed |= active.insert(format!("dep:{feature}"));
            }
        }
        if changed {
            queue.push_back(id.clone());
        }
    }
}
