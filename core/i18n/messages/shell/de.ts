import type { AreaCatalogue } from '../area.ts';
import type { shellEn } from './en.ts';

export const shellDe: AreaCatalogue<typeof shellEn> = {
};
