import type { AreaCatalogue } from '../area.ts';
import type { overlayEn } from './en.ts';

export const overlayEs: AreaCatalogue<typeof overlayEn> = {
};
