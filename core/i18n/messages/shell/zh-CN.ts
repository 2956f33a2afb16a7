import type { AreaCatalogue } from '../area.ts';
import type { shellEn } from './en.ts';

export const shellZhCN: AreaCatalogue<typeof shellEn> = {
};
