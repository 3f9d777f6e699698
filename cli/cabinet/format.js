// Field values the way the cabinet shows them: in the account's date and time formats and
// currency, never as raw JSON or timestamps. Every function returns plain text (or text plus a
// link target); the caller puts it in the DOM with textContent.

const MULTITEXT_LABELS = {
  ru: { WORK: 'раб.', WORKDD: 'раб. прямой', MOB: 'моб.', HOME: 'дом.', PRIV: 'личн.', FAX: 'факс', OTHER: 'др.' },
  en: { WORK: 'work', WORKDD: 'direct', MOB: 'mobile', HOME: 'home', PRIV: 'personal', FAX: 'fax', OTHER: 'other' },
};
const YES_NO = { ru: ['Да', 'Нет'], en: ['Yes', 'No'], es: ['Sí', 'No'], pt: ['Sim', 'Não'] };
const LOCALES = { ru: 'ru-RU', en: 'en-US', es: 'es-ES', pt: 'pt-BR' };

/** Seconds since the epoch (number or numeric string) as a Date, or null. */
function dateOf(value) {
  const seconds = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof seconds !== 'number' || !Number.isFinite(seconds)) return null;
  const date = new Date(seconds * 1000);
  return Number.isNaN(date.getTime()) ? null : date;
}

function numberText(value, lang, fractionDigits) {
  const n = typeof value === 'string' && value.trim() !== '' ? Number(value) : value;
  if (typeof n !== 'number' || !Number.isFinite(n)) return null;
  return new Intl.NumberFormat(LOCALES[lang] ?? 'en-US', { maximumFractionDigits: fractionDigits }).format(n);
}

/** Anything as readable text: primitives as they are, lists and objects by their values. */
export function plain(value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.map(plain).filter((s) => s !== '').join(', ');
  if (typeof value === 'object') {
    if ('value' in value) return plain(value.value);
    if ('name' in value) return plain(value.name);
    return Object.values(value).map(plain).filter((s) => s !== '').join(', ');
  }
  return String(value);
}

function address(value) {
  const one = (a) =>
    a && typeof a === 'object'
      ? ['address_line_1', 'address_line_2', 'city', 'state', 'zip', 'country']
          .map((k) => a[k])
          .filter((v) => v !== undefined && v !== null && String(v).trim() !== '')
          .join(', ')
      : plain(a);
  return (Array.isArray(value) ? value : [value]).map(one).filter(Boolean).join('\n');
}

function legalEntity(value, lang) {
  const ru = lang === 'ru';
  const one = (e) => {
    if (!e || typeof e !== 'object') return plain(e);
    const parts = [plain(e.name)];
    if (e.vat_id) parts.push(`${ru ? 'ИНН' : 'VAT ID'} ${plain(e.vat_id)}`);
    if (e.kpp) parts.push(`${ru ? 'КПП' : 'KPP'} ${plain(e.kpp)}`);
    if (e.address) parts.push(plain(e.address));
    return parts.filter(Boolean).join(', ');
  };
  return (Array.isArray(value) ? value : [value]).map(one).filter(Boolean).join('\n');
}

function multitext(value, lang) {
  const labels = MULTITEXT_LABELS[lang] ?? MULTITEXT_LABELS.en;
  return (Array.isArray(value) ? value : [value])
    .map((item) => {
      if (item && typeof item === 'object') {
        const code = item.enum_code ?? item.enumCode;
        const label = code ? labels[code] ?? String(code).toLowerCase() : '';
        return label ? `${plain(item.value)} (${label})` : plain(item.value);
      }
      return plain(item);
    })
    .filter(Boolean)
    .join('\n');
}

/**
 * One field's value for display: `{ text, href? }`. `sys` gives dateFormat, timeFormat,
 * currencySymbol and lang; `dateformat` is the host's real npm dateformat.
 */
export function formatField(field, sys, dateformat) {
  const lang = sys?.lang ?? 'ru';
  const value = field?.value;
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return { text: '' };
  }
  const dateMask = sys?.dateFormat || 'dd.mm.yyyy';
  const timeMask = sys?.timeFormat || 'HH:MM';
  switch (field.type) {
    case 'date':
    case 'birthday': {
      const date = dateOf(value);
      return { text: date ? dateformat(date, dateMask) : plain(value) };
    }
    case 'dateTime': {
      const date = dateOf(value);
      return { text: date ? dateformat(date, `${dateMask} ${timeMask}`) : plain(value) };
    }
    case 'numeric':
      return { text: numberText(value, lang, 10) ?? plain(value) };
    case 'budget': {
      const n = numberText(value, lang, 2);
      return { text: n === null ? plain(value) : `${n} ${sys?.currencySymbol ?? ''}`.trim() };
    }
    case 'checkbox': {
      const [yes, no] = YES_NO[lang] ?? YES_NO.en;
      const truthy = value === true || value === 1 || value === '1' || value === 'true';
      return { text: truthy ? yes : no };
    }
    case 'url': {
      const text = plain(value);
      return /^https?:\/\//i.test(text) ? { text, href: text } : { text };
    }
    case 'smartAddress':
      return { text: address(value) };
    case 'legalEntity':
      return { text: legalEntity(value, lang) };
    case 'multitext':
      return { text: multitext(value, lang) };
    default:
      // text, textarea, streetaddress, select, radiobutton, multiselect, and types to come.
      return { text: plain(value) };
  }
}
