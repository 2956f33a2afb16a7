import type { AreaCatalogue } from '../area.ts';
import type { graphEn } from './en.ts';

export const graphDe: AreaCatalogue<typeof graphEn> = {
};
