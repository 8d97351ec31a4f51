/** A table's page from the address: a whole number from 1, else the first page (a page past the last shows the last). */
export const pageNumber = (value: string | undefined): number => (value !== undefined && /^[1-9]\d{0,4}$/.test(value) ? Number(value) : 1);
