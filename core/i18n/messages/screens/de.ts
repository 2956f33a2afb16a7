import type { AreaCatalogue } from '../area.ts';
import type { screensEn } from './en.ts';

export const screensDe: AreaCatalogue<typeof screensEn> = {
};
