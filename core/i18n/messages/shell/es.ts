import type { AreaCatalogue } from '../area.ts';
import type { shellEn } from './en.ts';

export const shellEs: AreaCatalogue<typeof shellEn> = {
};
