import type { AreaCatalogue } from '../area.ts';
import type { scenarioEn } from './en.ts';

export const scenarioZhCN: AreaCatalogue<typeof scenarioEn> = {
};
