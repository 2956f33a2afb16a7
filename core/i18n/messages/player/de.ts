import type { AreaCatalogue } from '../area.ts';
import type { playerEn } from './en.ts';

export const playerDe: AreaCatalogue<typeof playerEn> = {
};
