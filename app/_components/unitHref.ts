/** The drill-down page of a business unit for a month. */
export const unitHref = (businessUnit: string, month: string) => `/business-units/${encodeURIComponent(businessUnit)}?month=${month}`;

/** The drill-down page of an app for a month. */
export const appHref = (appId: string, month: string) => `/apps/${encodeURIComponent(appId)}?month=${month}`;
