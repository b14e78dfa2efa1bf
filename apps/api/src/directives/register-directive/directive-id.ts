/** A kebab-case id from a document number and year: "126-CV/TU", 2021 → "126-cv-tu-2021". */
export function directiveIdFrom(number: string, issuedOn: string): string {
  const slug = number
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `${slug}-${issuedOn.slice(0, 4)}`.slice(0, 64).replace(/-+$/, '');
}
