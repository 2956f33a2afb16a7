import type { AreaCatalogue } from '../area.ts';
import type { graphEn } from './en.ts';

export const graphZhCN: AreaCatalogue<typeof graphEn> = {
};
