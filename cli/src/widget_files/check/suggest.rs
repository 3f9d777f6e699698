//! "Did you mean …?" for names that are nearly a known one.
//!
//! Edit distance comes from `strsim`, the crate clap already builds into this binary for its own
//! suggestions: no new dependency, and no hand-written Levenshtein to get wrong.

/// The known name closest to `found`, if it is close enough to be a slip: at most 40 % of its
/// letters edited (case and `_`/`-` ignored, so `advancedSettings` finds `advanced_settings`
/// and `anywhere` finds `everywhere`), or one name a prefix of the other (`password` finds
/// `pass`).
pub(crate) fn closest<'a>(found: &str, known: &[&'a str]) -> Option<&'a str> {
    let plain = normalise(found);
    known
        .iter()
        .map(|&name| {
            let candidate = normalise(name);
            let prefix = plain.len().min(candidate.len()) >= 3
                && (plain.starts_with(&candidate) || candidate.starts_with(&plain));
            let similarity = if prefix {
                1.0
            } else {
                strsim::normalized_levenshtein(&plain, &candidate)
            };
            (similarity, name)
        })
        .filter(|&(similarity, _)| similarity >= 0.6)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, name)| name)
}

fn normalise(name: &str) -> String {
    name.chars()
        .filter(|c| !matches!(c, '_' | '-' | ' '))
        .flat_map(char::to_lowercase)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slips_find_the_known_name_and_other_names_none() {
        let known = ["everywhere", "settings", "advanced_settings"];
        assert_eq!(closest("anywhere", &known), Some("everywhere"));
        assert_eq!(
            closest("advancedSettings", &known),
            Some("advanced_settings")
        );
        assert_eq!(closest("lead_list", &known), None);
    }
}
