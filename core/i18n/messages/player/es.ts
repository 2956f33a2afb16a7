import type { AreaCatalogue } from '../area.ts';
import type { playerEn } from './en.ts';

export const playerEs: AreaCatalogue<typeof playerEn> = {
};
