//! What `locales!` and `t!` expand to, and the compile errors they give.

use crate::catalog::{rule_of, Catalog, LocaleFile, Message, Piece, Template};
use crate::plural::{Form, Rule};
use proc_macro2::{Span, TokenStream};
use quote::{format_ident, quote};
use std::collections::{BTreeMap, BTreeSet};
use syn::parse::{Parse, ParseStream};
use syn::punctuated::Punctuated;
use syn::{Expr, Ident, LitStr, Token};

/// `locales!(strict, dir = "…")`, both optional.
struct LocalesInput {
    strict: bool,
    dir: Option<LitStr>,
}

impl Parse for LocalesInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let mut options = LocalesInput {
            strict: false,
            dir: None,
        };
        while !input.is_empty() {
            let name: Ident = input.parse()?;
            match name.to_string().as_str() {
                "strict" => options.strict = true,
                "dir" => {
                    input.parse::<Token![=]>()?;
                    options.dir = Some(input.parse()?);
                }
                _ => {
                    return Err(syn::Error::new(
                        name.span(),
                        "expected `strict` or `dir = \"path\"`",
                    ))
                }
            }
            if !input.is_empty() {
                input.parse::<Token![,]>()?;
            }
        }
        Ok(options)
    }
}

pub fn locales(input: TokenStream) -> TokenStream {
    let options = match syn::parse2::<LocalesInput>(input) {
        Ok(options) => options,
        Err(e) => return e.to_compile_error(),
    };
    let span = options
        .dir
        .as_ref()
        .map(|d| d.span())
        .unwrap_or_else(Span::call_site);
    let dir = options.dir.as_ref().map(|d| d.value());
    let catalog = match Catalog::load(dir.as_deref()) {
        Ok(catalog) => catalog,
        Err(message) => return syn::Error::new(span, message).to_compile_error(),
    };
    if options.strict {
        let gaps = catalog.gaps();
        if !gaps.is_empty() {
            let lines: Vec<String> = gaps
                .iter()
                .map(|(key, missing)| {
                    let files: Vec<String> =
                        missing.iter().map(|l| l.shown_path(&catalog)).collect();
                    format!("`{key}` is missing from {}", files.join(", "))
                })
                .collect();
            return syn::Error::new(
                span,
                format!(
                    "locales!(strict): every locale needs every key:\n{}",
                    lines.join("\n")
                ),
            )
            .to_compile_error();
        }
    }

    let count = catalog.locales.len();
    let tracked = catalog
        .locales
        .iter()
        .map(|l| l.path.clone())
        .chain(catalog.manifest.clone())
        .map(|p| p.to_string_lossy().into_owned());
    let indices: Vec<u8> = (0..count as u8).collect();
    let codes: Vec<&str> = catalog.locales.iter().map(|l| l.code.as_str()).collect();
    let default = catalog.default as u8;
    // `Lang`'s own variants (`constants::SUPPORTED_LANGS`) by enum match, without comparing
    // text; any other language by its code.
    let (lang_variants, lang_indices): (Vec<Ident>, Vec<u8>) = codes
        .iter()
        .zip(&indices)
        .filter_map(|(code, index)| {
            let variant = match *code {
                "ru" => "Ru",
                "en" => "En",
                "es" => "Es",
                "pt" => "Pt",
                _ => return None,
            };
            Some((Ident::new(variant, Span::call_site()), *index))
        })
        .unzip();
    let listed = codes.join(", ");
    let default_code = codes[catalog.default];
    let shown_dir = &catalog.shown_dir;
    let dir_arg = dir.unwrap_or_default();
    let doc = format!(
        "The languages this widget ships texts for, one per `{shown_dir}/<locale>.json`: \
         {listed}."
    );
    let default_doc = format!(
        "`{default_code}`: the manifest's default locale (the first of `widget.locale` with a \
         file), else English, else the first file. [`Locale::for_lang`] falls back to it."
    );
    quote! {
        // Cargo rebuilds the crate when a translation changes.
        #(const _: &[u8] = include_bytes!(#tracked);)*

        #[doc = #doc]
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub struct Locale(u8);

        impl Locale {
            /// Every locale, ordered by code.
            pub const ALL: [Locale; #count] = [#(Locale(#indices)),*];
            #[doc = #default_doc]
            pub const DEFAULT: Locale = Locale(#default);

            /// The locale's code, the name of its file (`ru`, `en`).
            pub fn code(self) -> &'static str {
                static CODES: [&str; #count] = [#(#codes),*];
                ::amocrm_widget::i18n::__pick(&self, &CODES)
            }

            /// The locale with this code, if the widget ships it.
            pub fn from_code(code: &str) -> ::core::option::Option<Locale> {
                match code {
                    #(#codes => ::core::option::Option::Some(Locale(#indices)),)*
                    _ => ::core::option::Option::None,
                }
            }

            /// The locale for the cabinet's language (`sys.lang`): its own when the widget
            /// ships it, [`Locale::DEFAULT`] otherwise.
            pub fn for_lang(lang: &::amocrm_widget::constants::Lang) -> Locale {
                match lang {
                    #(::amocrm_widget::constants::Lang::#lang_variants => Locale(#lang_indices),)*
                    other => Self::from_code(other.as_str()).unwrap_or(Self::DEFAULT),
                }
            }
        }

        impl ::amocrm_widget::i18n::Language for Locale {
            const COUNT: usize = #count;
            fn index(self) -> usize {
                self.0 as usize
            }
        }

        /// The text of a key of this widget's `i18n/*.json` in a [`Locale`], checked while the
        /// crate compiles: `t!(locale, "card.title")`, `t!(locale, "card.lead", id = lead_id)`,
        /// `t!(locale, "card.fields", count = n)`.
        #[allow(unused_macros)]
        macro_rules! t {
            ($locale:expr, $key:literal $(, $name:ident = $value:expr)* $(,)?) => {
                ::amocrm_widget::i18n::__translate!(#dir_arg, $locale, $key $(, $name = $value)*)
            };
        }
        #[allow(unused_imports)]
        pub(crate) use t;
    }
}

/// `__translate!("dir", locale, "key", name = value…)`.
struct TranslateInput {
    dir: LitStr,
    locale: Expr,
    key: LitStr,
    args: Vec<(Ident, Expr)>,
}

impl Parse for TranslateInput {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let dir = input.parse()?;
        input.parse::<Token![,]>()?;
        let locale = input.parse()?;
        input.parse::<Token![,]>()?;
        let key = input.parse()?;
        let mut args = Vec::new();
        if input.parse::<Option<Token![,]>>()?.is_some() {
            let pairs = Punctuated::<Arg, Token![,]>::parse_terminated(input)?;
            args = pairs.into_iter().map(|a| (a.name, a.value)).collect();
        }
        Ok(TranslateInput {
            dir,
            locale,
            key,
            args,
        })
    }
}

struct Arg {
    name: Ident,
    value: Expr,
}

impl Parse for Arg {
    fn parse(input: ParseStream) -> syn::Result<Self> {
        let name = input.parse()?;
        input.parse::<Token![=]>()?;
        Ok(Arg {
            name,
            value: input.parse()?,
        })
    }
}

pub fn translate(input: TokenStream) -> TokenStream {
    let input = match syn::parse2::<TranslateInput>(input) {
        Ok(input) => input,
        Err(e) => return e.to_compile_error(),
    };
    match translation(&input) {
        Ok(tokens) => tokens,
        Err(message) => syn::Error::new(input.key.span(), message).to_compile_error(),
    }
}

fn translation(input: &TranslateInput) -> Result<TokenStream, String> {
    let dir = input.dir.value();
    let catalog = Catalog::load((!dir.is_empty()).then_some(dir.as_str()))?;
    let key = input.key.value();
    let messages = messages_of(&catalog, &key)?;

    let mut seen = BTreeSet::new();
    for (name, _) in &input.args {
        if !seen.insert(name.to_string()) {
            return Err(format!("`{name}` is given twice"));
        }
    }
    let given: BTreeSet<String> = seen;
    let plural = matches!(messages[0].1, Message::Plural(_));
    if plural && !given.contains("count") {
        return Err(format!(
            "`{key}` has plural forms: give the number they depend on, `count = …`"
        ));
    }
    let mut used = BTreeSet::new();
    for (locale, message) in &messages {
        for template in message.templates() {
            for name in template.placeholders() {
                if !given.contains(name) {
                    return Err(format!(
                        "{}: `{key}` uses `{{{name}}}`: give it a value, `{name} = …`",
                        locale.shown_path(&catalog)
                    ));
                }
                used.insert(name.to_string());
            }
        }
    }
    for name in &given {
        let selects_the_form = plural && name == "count";
        if !used.contains(name) && !selects_the_form {
            return Err(format!(
                "`{name}` is not used: no translation of `{key}` has `{{{name}}}`"
            ));
        }
    }

    let count = catalog.locales.len();
    let locale = &input.locale;
    let all_plain: Option<Vec<String>> = messages
        .iter()
        .map(|(_, m)| match m {
            Message::Text(t) => t.plain(),
            Message::Plural(_) => None,
        })
        .collect();
    if let (Some(texts), true) = (all_plain, input.args.is_empty()) {
        // One table in the data section, indexed: no code per text.
        return Ok(quote! {{
            static TEXTS: [&str; #count] = [#(#texts),*];
            ::amocrm_widget::i18n::__pick(&#locale, &TEXTS)
        }});
    }

    let bindings = input.args.iter().map(|(name, value)| {
        let binding = local(&name.to_string());
        quote! { let #binding = &(#value); }
    });
    let count_binding = plural.then(|| {
        quote! { let __t_n: u64 = ::amocrm_widget::i18n::Count::count(__t_count); }
    });
    let arms: Vec<TokenStream> = messages
        .iter()
        .map(|(locale, message)| match message {
            Message::Text(template) => Ok(text_of(template)),
            Message::Plural(forms) => plural_of(&catalog, locale, &key, forms),
        })
        .collect::<Result<_, String>>()?;
    let (last, rest) = arms.split_last().expect("a catalog has a locale");
    let indices = 0..rest.len();
    Ok(quote! {{
        #(#bindings)*
        #count_binding
        match ::amocrm_widget::i18n::__index::<_, #count>(&#locale) {
            #(#indices => #rest,)*
            _ => #last,
        }
    }})
}

/// The key's message in every locale, or the error naming the files that lack it.
fn messages_of<'c>(
    catalog: &'c Catalog,
    key: &str,
) -> Result<Vec<(&'c LocaleFile, &'c Message)>, String> {
    let mut found = Vec::new();
    let mut missing = Vec::new();
    for locale in &catalog.locales {
        match locale.messages.get(key) {
            Some(message) => found.push((locale, message)),
            None => missing.push(locale.shown_path(catalog)),
        }
    }
    if found.is_empty() {
        let hint = closest_key(catalog, key)
            .map(|k| format!("; did you mean `{k}`?"))
            .unwrap_or_default();
        return Err(format!(
            "no translation has `{key}`: it is missing from {}{hint}",
            missing.join(", ")
        ));
    }
    if !missing.is_empty() {
        return Err(format!("`{key}` is missing from {}", missing.join(", ")));
    }
    let plural = |m: &Message| matches!(m, Message::Plural(_));
    if let Some((odd, _)) = found.iter().find(|(_, m)| plural(m) != plural(found[0].1)) {
        let (first, _) = found[0];
        return Err(format!(
            "`{key}` is a plural in one file and a plain text in another ({} and {}): \
             give it plural forms in every locale or in none",
            first.shown_path(catalog),
            odd.shown_path(catalog)
        ));
    }
    Ok(found)
}

fn text_of(template: &Template) -> TokenStream {
    if let Some(plain) = template.plain() {
        return quote! { ::std::string::String::from(#plain) };
    }
    let pieces = template.pieces.iter().map(|piece| match piece {
        Piece::Text(text) => quote! { #text },
        Piece::Placeholder(name) => {
            let binding = local(name);
            quote! { #binding }
        }
    });
    quote! { ::amocrm_widget::text!(#(#pieces),*) }
}

fn plural_of(
    catalog: &Catalog,
    locale: &LocaleFile,
    key: &str,
    forms: &BTreeMap<Form, Template>,
) -> Result<TokenStream, String> {
    let rule = rule_of(locale);
    let file = locale.shown_path(catalog);
    for form in rule.forms() {
        if !forms.contains_key(form) {
            return Err(format!(
                "{file}: `{key}` has no `{}` form; `{}` needs {} for whole numbers",
                form.name(),
                locale.code,
                rule.describe()
            ));
        }
    }
    for form in forms.keys() {
        if *form != Form::Zero && !rule.forms().contains(form) && *form != Form::Other {
            return Err(format!(
                "{file}: `{key}` has a `{}` form, which `{}` never uses for whole numbers \
                 (its forms: {}; `zero` may be added for 0)",
                form.name(),
                locale.code,
                rule.describe()
            ));
        }
    }
    let rule_path = rule_tokens(rule);
    let needed = rule.forms();
    let (fallback, specific) = needed.split_last().expect("every rule has a form");
    let arms = specific.iter().map(|form| {
        let variant = format_ident!("{}", form.variant());
        let text = text_of(&forms[form]);
        quote! { ::amocrm_widget::i18n::Form::#variant => #text, }
    });
    let fallback_text = text_of(&forms[fallback]);
    let by_rule = quote! {
        match #rule_path.form(__t_n) {
            #(#arms)*
            _ => #fallback_text,
        }
    };
    Ok(match forms.get(&Form::Zero) {
        Some(zero) => {
            let zero = text_of(zero);
            quote! { if __t_n == 0 { #zero } else { #by_rule } }
        }
        None => by_rule,
    })
}

/// The expansion's binding for argument `name`. Every one gets the same span, the `t!` call's,
/// so that the `let` and its uses see each other.
fn local(name: &str) -> Ident {
    Ident::new(&format!("__t_{name}"), Span::call_site())
}

fn rule_tokens(rule: Rule) -> TokenStream {
    let variant = format_ident!("{}", rule.variant());
    quote! { ::amocrm_widget::i18n::Rule::#variant }
}

/// The key nearest to `key` by edit distance, when near enough to be a typo.
fn closest_key<'c>(catalog: &'c Catalog, key: &str) -> Option<&'c str> {
    catalog
        .locales
        .iter()
        .flat_map(|l| l.messages.keys())
        .map(|k| (distance(k, key), k.as_str()))
        .filter(|(d, _)| *d <= 2.max(key.len() / 4))
        .min()
        .map(|(_, k)| k)
}

fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous + usize::from(ca != *cb);
            previous = row[j + 1];
            row[j + 1] = substitution.min(row[j] + 1).min(row[j + 1] + 1);
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::distance;

    #[test]
    fn edit_distance() {
        assert_eq!(distance("card.contacts", "card.contact"), 1);
        assert_eq!(distance("card.title", "card.titel"), 2);
        assert_eq!(distance("", "abc"), 3);
    }
}
