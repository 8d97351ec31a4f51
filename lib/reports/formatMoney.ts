/** "1234567.80" → "$1,234,567.80", straight from the decimal string (no float on the way). */
export function formatMoney(amount: string, currency = "USD"): string {
  const negative = amount.startsWith("-");
  const [whole = "0", fraction = "00"] = (negative ? amount.slice(1) : amount).split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  const symbol = currency === "USD" ? "$" : `${currency} `;
  return `${negative ? "-" : ""}${symbol}${grouped}.${fraction}`;
}

export const formatCount = (n: number) => n.toLocaleString("en-US");
