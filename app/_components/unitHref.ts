/** The drill-down page of a business unit for a month. */
export const unitHref = (businessUnit: string, month: string) => `/business-units/${encodeURIComponent(businessUnit)}?month=${month}`;

/** The drill-down page of an app for a month. */
export const appHref = (appId: string, month: string) => `/apps/${encodeURIComponent(appId)}?month=${month}`;

/** The drill-down page of a model for a month. */
export const modelHref = (model: string, month: string) => `/models/${encodeURIComponent(model)}?month=${month}`;
