import type { AreaCatalogue } from '../area.ts';
import type { screensEn } from './en.ts';

export const screensEs: AreaCatalogue<typeof screensEn> = {
};
