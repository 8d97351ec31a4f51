// What a spreadsheet may read as the start of a formula. Some (Excel with an East Asian input
// method, LibreOffice) also take full-width, small and superscript forms of = + - @, and dash-like
// minus signs: NFKC folds the compatibility forms onto = + - @, and the dashes are listed.
const FORMULA_START = /^[=+\-@\t\r\u2010-\u2015\u2212\u2795\u2796]/;

const startsLikeFormula = (value: string): boolean => {
  const first = value.codePointAt(0);
  return first !== undefined && FORMULA_START.test(String.fromCodePoint(first).normalize("NFKC"));
};

/**
 * A text cell a spreadsheet will not run as a formula: names come from app registrations and
 * events, which anyone in the tenant can set, so a leading = + - @ (or tab, return, or a Unicode
 * look-alike of them) gets a quote.
 */
export const safeText = (value: string): string => (startsLikeFormula(value) ? `'${value}` : value);

/** The cell as it was before `safeText`, for files Chargeback exports to be imported again. */
export const unsafeText = (cell: string): string => (cell.startsWith("'") && startsLikeFormula(cell.slice(1)) ? cell.slice(1) : cell);
