// Example values for the OpenAPI document, taken from the seeded corpus (abbreviated).

export const exampleOrganisation = { slug: 'ccn', name: 'County Councils Network', shortName: 'CCN' };
export const exampleEvent = { slug: 'implementation-strategy-2023', title: 'Stable Homes, Built on Love', publishedOn: '2023-02-02' };
export const exampleSpeaker = { slug: 'keith-glazier', name: 'Cllr Keith Glazier', role: 'Children’s Social Care Spokesperson' };
export const exampleDocument = {
  slug: 'ccn-strategy-2023',
  title: 'Government reforms for children’s social care put forward: CCN response',
  publisher: 'County Councils Network',
  url: 'https://www.countycouncilsnetwork.org.uk/government-reforms-for-childrens-social-care-put-forward-ccn-response/',
  publishedOn: '2023-02-02',
};
export const exampleStatementSummary = {
  id: 7,
  date: '2023-02-02',
  organisation: exampleOrganisation,
  event: exampleEvent,
  document: exampleDocument,
  summary: 'CCN is pleased the government has acted on its calls for preventative services and keeping families together, but says the funding falls short …',
  themes: [
    { theme: 'funding', stance: 'critical', origin: 'curated', reviewed: true, confidence: 1 },
    { theme: 'early-help', stance: 'supportive', origin: 'curated', reviewed: true, confidence: 1 },
  ],
  speakers: [exampleSpeaker],
  url: '/v1/statements/7',
};
export const exampleEvidence = {
  text: 'However, the funding made available to delivers these changes falls short of what both councils and Josh MacAlister argue is required, …',
  start: 2050,
  end: 2287,
  quoteId: 31,
  voice: 'direct' as const,
  speaker: exampleSpeaker,
  citation:
    'Cllr Keith Glazier, Children’s Social Care Spokesperson, County Councils Network, in “Government reforms for children’s social care put forward: CCN response”, County Councils Network, 2 February 2023, https://www.countycouncilsnetwork.org.uk/government-reforms-for-childrens-social-care-put-forward-ccn-response/',
  permalink: 'http://localhost:3000/statements/7#char=2050,2287',
};
export const exampleFigure = {
  raw: '£2.6bn',
  value: 2600000000,
  unit: 'GBP',
  measures: 'funding the Independent Review recommended for the reforms',
  period: 'by the end of 2026/27',
  theme: 'funding',
  start: 2470,
  end: 2476,
};
export const exampleQuote = {
  id: 30,
  text: 'Key to any reform to children’s social care is a greater focus on preventative services and more emphasis on keeping families together, where it is safe to do so. …',
  start: 1709,
  end: 2047,
  speaker: exampleSpeaker,
  voice: 'direct' as const,
  organisation: exampleOrganisation,
  statement: { id: 7, date: '2023-02-02', url: '/v1/statements/7' },
  event: exampleEvent,
  document: exampleDocument,
  themes: [{ theme: 'early-help', stance: 'supportive', origin: 'curated', reviewed: true, confidence: 1 }],
  url: '/v1/quotes/30',
  citation:
    'Cllr Keith Glazier, Children’s Social Care Spokesperson, County Councils Network, in “Government reforms for children’s social care put forward: CCN response”, County Councils Network, 2 February 2023, https://www.countycouncilsnetwork.org.uk/government-reforms-for-childrens-social-care-put-forward-ccn-response/',
  permalink: 'http://localhost:3000/statements/7#char=1709,2047',
};
