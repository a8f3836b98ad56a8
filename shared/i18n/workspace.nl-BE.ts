/** Dutch messages of the campaign workspace: its tabs and shared labels. */
export const workspaceNlBE = {
  breadcrumb: 'Kruimelpad',
  navLabel: 'Onderdelen van de campagne',
  loading: 'Campagne laden…',
  loadFailed: 'De campagne kon niet geladen worden.',
  campaignMissing: 'Deze campagne bestaat niet (meer) in dit profiel. Kies een campagne in de lijst.',
  backToCampaigns: 'Terug naar de campagnes',
  identity: {
    label: 'Ik ben',
    choose: 'Kies je naam…',
    confirm: 'Dit ben ik',
    hint: 'Kies wie je bent: notities en SWOT-items worden onder jouw naam bewaard.',
    noMembers: 'Voeg eerst teamleden toe bij Voorbereiding › Team.',
  },
  nav: {
    setup: 'Voorbereiding',
    setupHint: 'Lijsten, organisaties, team',
    planning: 'Planning',
    planningHint: 'Bezoeken per regio',
    visits: 'Bezoeken',
    visitsHint: 'Voorbereiding en gesprekken',
    search: 'Zoeken',
    searchHint: 'In notities en documenten',
  },
  notFound: {
    title: 'Dit scherm bestaat niet',
    body: 'De link verwijst naar een scherm dat Veldwerk niet kent. Ga terug naar de campagnes.',
  },
} as const;
