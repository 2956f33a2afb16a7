import type { AreaCatalogue } from '../area.ts';
import type { validatorEn } from './en.ts';

export const validatorEs: AreaCatalogue<typeof validatorEn> = {
};
