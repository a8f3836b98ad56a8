import type { Services } from '../../services/runtime';
import { call, exchangeDuoFile } from './services';

/**
 * Two laptops of a duo that both changed the same lww fields before they met again: laptop a
 * (Anna) moved the organisation to "Stationsstraat 4" and marked the visit done; laptop b (Bert),
 * a moment later, wrote "Kerkstraat 9" and cancelled the visit. Nothing has been exchanged since.
 */
export interface ConcurrentEdits {
  readonly campaignId: string;
  readonly organisationId: string;
  readonly visitId: string;
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

export async function seedConcurrentEdits(a: Services, b: Services): Promise<ConcurrentEdits> {
  const campaign = await call(a, 'campaigns.create', { name: 'Duo', workingYear: '2025-2026' });
  const setup = await call(a, 'setup.get', { campaignId: campaign.id });
  const sector = await call(a, 'setup.addItem', { campaignId: campaign.id, kind: 'sectors', name: 'NT2', code: 'NT2' });
  const region = setup.regions[0];
  if (!region) throw new Error('no default region');
  const member = (name: string, email: string) =>
    call(a, 'members.add', {
      campaignId: campaign.id,
      name,
      email,
      isInspector: true,
      isTeamLead: false,
      coordinatorOf: [],
      sectorLeadOf: [],
    });
  const anna = await member('Anna Peeters', 'anna@inspectie.be');
  const bert = await member('Bert Claes', 'bert@inspectie.be');
  const organisation = await call(a, 'organisations.add', {
    campaignId: campaign.id,
    name: 'Huis van het Nederlands',
    sectorId: sector.id,
    regionId: region.id,
    address: 'Marktplein 1',
    contact: null,
  });
  const visitFields = {
    organisationId: organisation.id,
    date: '2026-03-12',
    memberA: anna.id,
    memberB: bert.id,
  };
  const visit = await call(a, 'visits.create', { campaignId: campaign.id, ...visitFields, status: 'planned' });
  await call(a, 'identity.set', { campaignId: campaign.id, memberId: anna.id });
  await exchangeDuoFile(a, b, campaign.id);
  await call(b, 'identity.set', { campaignId: campaign.id, memberId: bert.id });

  const organisationFields = (address: string) => ({
    id: organisation.id,
    name: 'Huis van het Nederlands',
    sectorId: sector.id,
    regionId: region.id,
    address,
    contact: null,
  });
  await call(a, 'organisations.update', organisationFields('Stationsstraat 4'));
  await call(a, 'visits.update', { id: visit.id, ...visitFields, status: 'done' });
  // b edits last, so b's values win on both laptops.
  await pause();
  await call(b, 'organisations.update', organisationFields('Kerkstraat 9'));
  await call(b, 'visits.update', { id: visit.id, ...visitFields, status: 'cancelled' });
  return { campaignId: campaign.id, organisationId: organisation.id, visitId: visit.id };
}
