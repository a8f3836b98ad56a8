import type { TFunction } from 'i18next';
import type { Region } from '../../../shared/domain/model';

/** A region's name as the user reads it: provinces and cities can share a name (Antwerpen). */
export function regionName(t: TFunction, region: Pick<Region, 'name' | 'kind'>): string {
  return t(region.kind === 'city' ? 'setup.regions.cityName' : 'setup.regions.provinceName', {
    name: region.name ?? '',
  });
}
