/** The colour of the i-th series, or of "Unmapped": custom properties of charts.css, so both themes apply. */
export const UNMAPPED = "Unmapped";
const SERIES = 8;

export const seriesColour = (name: string, i: number) => (name === UNMAPPED ? "var(--chart-unmapped)" : `var(--chart-${(i % SERIES) + 1})`);
