// The lead card's decode-and-format step in plain JavaScript: what a widget author would write
// by hand, with the same rules as examples/lead-card/src/format.rs (the benchmark checks that
// both give the same text before timing them). `dateFormat` is the host's `dateformat` module.
//
// formatFields(leadFields, sys, dateFormat) -> [{ name, lines: [{ text, note }] }]

const MAX_DEPTH = 6;
const NBSP = '\u00a0';

const LABELS = {
  ru: { yes: 'Да', no: 'Нет', vat: 'ИНН', kpp: 'КПП' },
  en: { yes: 'Yes', no: 'No', vat: 'VAT ID', kpp: 'KPP' },
  es: { yes: 'Sí', no: 'No', vat: 'NIF', kpp: 'KPP' },
  pt: { yes: 'Sim', no: 'Não', vat: 'CNPJ', kpp: 'KPP' },
};

const ADDRESS_PARTS = ['address_line_1', 'address_line_2', 'city', 'state', 'zip', 'country'];

function isObject(v) {
  return v !== null && typeof v === 'object';
}

function get(v, key) {
  if (!isObject(v)) return undefined;
  const x = v[key];
  return x === null ? undefined : x;
}

function numberText(n) {
  return String(n);
}

function join(texts, sep) {
  return texts.filter((t) => t !== '').join(sep);
}

function list(v) {
  return Array.isArray(v) ? v : [v];
}

function scalar(v, depth) {
  if (depth < MAX_DEPTH) {
    if (Array.isArray(v)) {
      if (v.length === 1) return scalar(v[0], depth + 1);
    } else if (isObject(v)) {
      const inner = get(v, 'value');
      if (inner !== undefined) return scalar(inner, depth + 1);
    }
  }
  return v;
}

function addressParts(v, labels, depth) {
  return join(
    ADDRESS_PARTS.map((k) => get(v, k)).filter((p) => p !== undefined).map((p) => plain(p, labels, depth + 1)),
    ', ',
  );
}

function plain(v, labels, depth) {
  if (depth >= MAX_DEPTH) return '…';
  if (v === null || v === undefined) return '';
  switch (typeof v) {
    case 'string':
      return v;
    case 'number':
      return numberText(v);
    case 'boolean':
      return v ? labels.yes : labels.no;
    case 'object': {
      if (Array.isArray(v)) return join(v.map((item) => plain(item, labels, depth + 1)), ', ');
      const inner = get(v, 'value') ?? get(v, 'name');
      if (inner !== undefined) return plain(inner, labels, depth + 1);
      const address = addressParts(v, labels, depth);
      if (address !== '') return address;
      return join(
        Object.entries(v).map(([k, item]) => {
          const text = plain(item, labels, depth + 1);
          return text === '' ? text : k + ': ' + text;
        }),
        ', ',
      );
    }
    default:
      return String(v);
  }
}

const DECIMAL = /^[-+]?(\d+\.?\d*|\.\d+)$/;

function numberOf(v) {
  if (typeof v === 'number') return v;
  if (typeof v === 'string') {
    const t = v.trim();
    return DECIMAL.test(t) ? Number(t) : undefined;
  }
  return undefined;
}

function date(value, mask, labels, dateFormat) {
  const v = scalar(value, 0);
  const n = numberOf(v);
  if (n !== undefined && Number.isFinite(n)) {
    const millis = Math.abs(n) >= 1e11 ? n : n * 1000;
    try {
      return dateFormat(millis, mask);
    } catch {
      return numberText(n);
    }
  }
  return plain(v, labels, 1);
}

function groupThousands(number) {
  let sign = '';
  let rest = number;
  if (rest.startsWith('-')) {
    sign = '-';
    rest = rest.slice(1);
  }
  const at = rest.indexOf('.');
  const int = at < 0 ? rest : rest.slice(0, at);
  const frac = at < 0 ? '' : rest.slice(at + 1);
  if (!/^\d*$/.test(int)) return number;
  let out = sign;
  for (let i = 0; i < int.length; i++) {
    if (i > 0 && (int.length - i) % 3 === 0) out += NBSP;
    out += int[i];
  }
  if (at >= 0) out += '.' + frac;
  return out;
}

function money(value, currency, labels) {
  const v = scalar(value, 0);
  const n = numberOf(v);
  if (n !== undefined && Number.isFinite(n)) {
    let text = groupThousands(numberText(n));
    if (currency) text += NBSP + currency;
    return text;
  }
  return plain(v, labels, 1);
}

function checkbox(value, labels) {
  const v = scalar(value, 0);
  let flag;
  if (typeof v === 'boolean') flag = v;
  else if (typeof v === 'number') flag = v !== 0;
  else if (typeof v === 'string') {
    if (v === '1' || v === 'true' || v === 'Y' || v === 'y') flag = true;
    else if (v === '0' || v === 'false' || v === 'N' || v === 'n' || v === '') flag = false;
  }
  if (flag === undefined) return plain(v, labels, 1);
  return flag ? labels.yes : labels.no;
}

function push(lines, text) {
  if (text !== '') lines.push({ text, note: null });
}

function multitext(item, labels, lines) {
  const text = plain(item, labels, 1);
  if (text === '') return;
  let note = null;
  for (const key of ['enum_code', 'enumCode', 'enum']) {
    const kind = get(item, key);
    if (kind !== undefined) {
      const t = plain(kind, labels, 1);
      note = t === '' ? null : t;
      break;
    }
  }
  lines.push({ text, note });
}

function smartAddress(value, labels, lines) {
  const items = list(value);
  if (items.length > 0 && items.every((item) => typeof get(item, 'subtype') === 'string')) {
    const parts = [];
    for (const key of ADDRESS_PARTS) {
      for (const item of items) if (get(item, 'subtype') === key) parts.push(plain(item, labels, 1));
    }
    push(lines, join(parts, ', '));
    return;
  }
  for (const item of items) {
    let text;
    if (isObject(item) && !Array.isArray(item)) {
      const parts = addressParts(item, labels, 0);
      text = parts === '' ? plain(item, labels, 0) : parts;
    } else {
      text = plain(item, labels, 0);
    }
    push(lines, text);
  }
}

function legalEntity(item, labels, lines, depth) {
  if (!isObject(item) || Array.isArray(item)) {
    push(lines, plain(item, labels, 1));
    return;
  }
  const nameValue = get(item, 'name');
  const vatValue = get(item, 'vat_id');
  const name = nameValue === undefined ? undefined : plain(nameValue, labels, 1);
  const vat = vatValue === undefined ? undefined : plain(vatValue, labels, 1);
  if (name === undefined && vat === undefined && depth < MAX_DEPTH) {
    const inner = get(item, 'value');
    if (inner !== undefined) return legalEntity(inner, labels, lines, depth + 1);
  }
  const kppValue = get(item, 'kpp') ?? get(item, 'tax_registration_reason_code');
  const kpp = kppValue === undefined ? undefined : plain(kppValue, labels, 1);
  let note = '';
  for (const [label, number] of [
    [labels.vat, vat],
    [labels.kpp, kpp],
  ]) {
    if (number) note += (note ? ', ' : '') + label + NBSP + number;
  }
  let text;
  if (name) text = name;
  else if (note) {
    text = note;
    note = '';
  } else text = plain(item, labels, 1);
  if (text !== '') lines.push({ text, note: note || null });
  const address = get(item, 'address');
  if (address !== undefined) smartAddress(address, labels, lines);
}

function formatValue(type, value, account) {
  const { labels, currency, dateMask, dateTimeMask, dateFormat } = account;
  const lines = [];
  switch (type) {
    case 'date':
    case 'birthday':
      push(lines, date(value, dateMask, labels, dateFormat));
      break;
    case 'dateTime':
      push(lines, date(value, dateTimeMask, labels, dateFormat));
      break;
    case 'budget':
      push(lines, money(value, currency, labels));
      break;
    case 'checkbox':
      push(lines, checkbox(value, labels));
      break;
    case 'select':
    case 'radiobutton':
    case 'multiselect':
      push(lines, join(list(value).map((item) => plain(item, labels, 1)), ', '));
      break;
    case 'multitext':
      for (const item of list(value)) multitext(item, labels, lines);
      break;
    case 'smartAddress':
      smartAddress(value, labels, lines);
      break;
    case 'legalEntity':
      for (const item of list(value)) legalEntity(item, labels, lines, 0);
      break;
    default:
      for (const item of list(value)) push(lines, plain(item, labels, 0));
  }
  return lines;
}

function account(sys, dateFormat) {
  const dateMask = typeof sys?.dateFormat === 'string' ? sys.dateFormat : 'dd.mm.yyyy';
  const timeMask = typeof sys?.timeFormat === 'string' ? sys.timeFormat : 'HH:MM';
  return {
    labels: Object.hasOwn(LABELS, sys?.lang ?? '') ? LABELS[sys.lang] : LABELS.en,
    currency: typeof sys?.currencySymbol === 'string' ? sys.currencySymbol : '',
    dateMask,
    dateTimeMask: dateMask + ' ' + timeMask,
    dateFormat,
  };
}

export function formatFields(leadFields, sys, dateFormat) {
  const acc = account(sys, dateFormat);
  const out = [];
  for (const [key, field] of Object.entries(leadFields)) {
    const name = typeof field.name === 'string' ? field.name : key;
    const type = typeof field.type === 'string' ? field.type : '';
    out.push({ name, lines: formatValue(type, field.value, acc) });
  }
  return out;
}

/** The number of lines, as the Rust `formatFields` returns. */
export function formatFieldsCount(leadFields, sys, dateFormat) {
  let n = 0;
  for (const f of formatFields(leadFields, sys, dateFormat)) n += f.lines.length;
  return n;
}

/** The text form of the Rust `formatFieldsText`, for the equality check. */
export function formatFieldsText(leadFields, sys, dateFormat) {
  let text = '';
  for (const f of formatFields(leadFields, sys, dateFormat)) {
    text += f.name + ':';
    f.lines.forEach((line, i) => {
      text += (i === 0 ? ' ' : ' | ') + line.text;
      if (line.note) text += ' (' + line.note + ')';
    });
    text += '\n';
  }
  return text;
}
