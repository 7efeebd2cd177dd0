export const sharedData: string;
export interface Query { q: string; slug: string }
export function writeDataset(name: 'stackfaq' | 'login-gov'): { kbDir: string; locale: string; queries: Query[] };
export function score(queries: Query[], rankedSlugsOf: (q: string) => string[]): { n: number; r1: number; r5: number; mrr10: number };
