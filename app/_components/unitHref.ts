/** The drill-down page of a business unit for a month. */
export const unitHref = (businessUnit: string, month: string) => `/business-units/${encodeURIComponent(businessUnit)}?month=${month}`;
