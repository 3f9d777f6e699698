//! The few words the card shows itself, in the cabinet's languages (`sys.lang`).

use amocrm_widget::constants::Lang;

/// The card's own words in one language.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Labels {
    /// A checked checkbox.
    pub yes: &'static str,
    /// An unchecked checkbox.
    pub no: &'static str,
    /// A field without a value.
    pub empty: &'static str,
    /// Before a legal entity's tax number.
    pub vat: &'static str,
    /// Before a legal entity's KPP.
    pub kpp: &'static str,
    /// The card's title, before the lead's id.
    pub lead: &'static str,
    /// The contacts' heading.
    pub contacts: &'static str,
    /// The company's heading.
    pub company: &'static str,
    /// The heading of the fields the host sent that no `fieldIds` list names.
    pub other: &'static str,
    /// Shown while the lead is not loaded.
    pub loading: &'static str,
}

const RU: Labels = Labels {
    yes: "Да",
    no: "Нет",
    empty: "—",
    vat: "ИНН",
    kpp: "КПП",
    lead: "Сделка №",
    contacts: "Контакты",
    company: "Компания",
    other: "Другие поля",
    loading: "Загрузка…",
};

const EN: Labels = Labels {
    yes: "Yes",
    no: "No",
    empty: "—",
    vat: "VAT ID",
    kpp: "KPP",
    lead: "Lead #",
    contacts: "Contacts",
    company: "Company",
    other: "Other fields",
    loading: "Loading…",
};

const ES: Labels = Labels {
    yes: "Sí",
    no: "No",
    empty: "—",
    vat: "NIF",
    kpp: "KPP",
    lead: "Acuerdo n.º ",
    contacts: "Contactos",
    company: "Compañía",
    other: "Otros campos",
    loading: "Cargando…",
};

const PT: Labels = Labels {
    yes: "Sim",
    no: "Não",
    empty: "—",
    vat: "CNPJ",
    kpp: "KPP",
    lead: "Negócio nº ",
    contacts: "Contatos",
    company: "Empresa",
    other: "Outros campos",
    loading: "Carregando…",
};

impl Labels {
    /// The words for `lang`; English for a language the card does not know.
    pub fn for_lang(lang: &Lang) -> &'static Labels {
        match lang {
            Lang::Ru => &RU,
            Lang::Es => &ES,
            Lang::Pt => &PT,
            _ => &EN,
        }
    }
}
