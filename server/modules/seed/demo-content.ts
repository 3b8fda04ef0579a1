import type { Membership, Region, StakeholderGroup } from '../../../shared/domain.js';

/** The shared password of every demo account; the README lists it. Demo data is for trying the product. */
export const DEMO_PASSWORD = 'consulta-demo';

export const DEMO_CONSULTATION = {
  title: 'A dedicated group on Internet issues',
  question: "Where should ITU's dedicated group on Internet issues sit?",
  description:
    'Following Resolution 102 and Resolution 140, the Council is asked where a dedicated group on ' +
    'international Internet-related public policy issues should be placed. Read the draft proposal, annotate ' +
    'it, and state your position on each option.',
  options: [
    {
      label: 'A subgroup of the Council Working Group on WSIS',
      description:
        'The group works under the Council Working Group on WSIS: close to the Council, with its meetings and ' +
        'reports, and limited to the Council’s membership.',
    },
    {
      label: 'An ITU-T focus group',
      description:
        'A focus group of the Telecommunication Standardization Sector: quick to set up, open to non-members, ' +
        'with a fixed lifetime and no power to adopt Recommendations.',
    },
    {
      label: 'An ITU-T study group',
      description:
        'A full study group: a permanent home with the power to adopt Recommendations, open to Member States ' +
        'and Sector Members, slower to establish.',
    },
  ],
};

/**
 * The demo draft, as the editor's document (ProseMirror JSON): a short proposal in the spirit of the 2007
 * proposals for a dedicated group, written for this demo.
 */
export const DEMO_DRAFT = {
  type: 'doc',
  content: [
    h(1, 'Proposal for a dedicated group on international Internet-related public policy issues'),
    h(2, 'Background'),
    p(
      'The World Summit on the Information Society recognised that governments, the private sector, civil society, ' +
        'and the academic and technical community each have a role in the governance of the Internet. ITU has ' +
        'taken part in this work since Tunis, but its discussions of Internet-related public policy remain spread ' +
        'across Sectors, study groups and Council sessions.',
    ),
    h(2, 'Resolution 102 and Resolution 140'),
    p(
      'Resolution 102 instructs the Secretary-General to continue to take a significant role in international ' +
        'discussions on the management of Internet domain names and addresses, and to work with all stakeholders. ' +
        'Resolution 140 sets out ITU’s role in implementing the outcomes of the Summit. Neither gives Member ' +
        'States and other stakeholders one place where these questions are studied together.',
    ),
    h(2, 'The proposal'),
    p(
      'We propose that a dedicated group be established to study international Internet-related public policy ' +
        'issues, to collect the views of Member States and of all stakeholders, and to report on them to the ' +
        'Council. The group would consult openly, publish its drafts, and record the positions taken on them.',
    ),
    h(2, 'Benefits'),
    {
      type: 'bulletList',
      content: [
        li(
          'Coherence: one group would bring together work now scattered across the Union, so that Member States ' +
            'see the whole picture and avoid duplicated effort.',
        ),
        li(
          'Inclusiveness: a group that hears all stakeholders, members and non-members alike, would give the ' +
            'Union’s decisions the legitimacy that comes from an open process.',
        ),
      ],
    },
  ],
};

function h(level: number, text: string) {
  return { type: 'heading', attrs: { level }, content: [{ type: 'text', text }] };
}
function p(text: string) {
  return { type: 'paragraph', content: [{ type: 'text', text }] };
}
function li(text: string) {
  return { type: 'listItem', content: [p(text)] };
}

export interface DemoOrganisation {
  name: string;
  stakeholderGroup: StakeholderGroup;
  membership: Membership;
  country: string;
  region: Region;
}

export const DEMO_ORGANISATIONS: DemoOrganisation[] = [
  {
    name: 'Ministry of Digital Affairs (France)',
    stakeholderGroup: 'government',
    membership: 'member_state',
    country: 'FR',
    region: 'europe',
  },
  {
    name: 'Communications Authority (Kenya)',
    stakeholderGroup: 'government',
    membership: 'member_state',
    country: 'KE',
    region: 'africa',
  },
  {
    name: 'Ministry of Communications (Brazil)',
    stakeholderGroup: 'government',
    membership: 'member_state',
    country: 'BR',
    region: 'americas',
  },
  {
    name: 'Global Telecom Operators Ltd',
    stakeholderGroup: 'private_sector',
    membership: 'sector_member',
    country: 'JP',
    region: 'asia_pacific',
  },
  {
    name: 'Open Internet Alliance',
    stakeholderGroup: 'civil_society',
    membership: 'non_member',
    country: 'IN',
    region: 'asia_pacific',
  },
  {
    name: 'Regional Telecommunication Union of Arab States',
    stakeholderGroup: 'intergovernmental',
    membership: 'associate',
    country: 'EG',
    region: 'arab_states',
  },
  {
    name: 'Institute for Network Research',
    stakeholderGroup: 'academic_technical',
    membership: 'academia',
    country: 'RU',
    region: 'cis',
  },
];

export interface DemoAccount {
  email: string;
  displayName: string;
  platformRole?: 'secretariat' | 'admin';
  chair?: boolean;
  organisation?: string;
  focalPoint?: boolean;
  personal?: { stakeholderGroup: StakeholderGroup; membership: Membership; country: string; region: Region };
}

export const DEMO_ACCOUNTS: DemoAccount[] = [
  {
    email: 'secretariat@demo.consulta.local',
    displayName: 'Amina Diallo (Secretariat)',
    platformRole: 'secretariat',
  },
  { email: 'chair@demo.consulta.local', displayName: 'Lars Berg (Chair)', chair: true },
  {
    email: 'france@demo.consulta.local',
    displayName: 'Claire Martin',
    organisation: DEMO_ORGANISATIONS[0].name,
    focalPoint: true,
  },
  {
    email: 'kenya@demo.consulta.local',
    displayName: 'Wanjiru Kamau',
    organisation: DEMO_ORGANISATIONS[1].name,
    focalPoint: true,
  },
  {
    email: 'brazil@demo.consulta.local',
    displayName: 'João Silva',
    organisation: DEMO_ORGANISATIONS[2].name,
    focalPoint: true,
  },
  {
    email: 'operator@demo.consulta.local',
    displayName: 'Kenji Sato',
    organisation: DEMO_ORGANISATIONS[3].name,
    focalPoint: true,
  },
  {
    email: 'civil@demo.consulta.local',
    displayName: 'Priya Nair',
    organisation: DEMO_ORGANISATIONS[4].name,
    focalPoint: true,
  },
  {
    email: 'arab@demo.consulta.local',
    displayName: 'Omar Haddad',
    organisation: DEMO_ORGANISATIONS[5].name,
    focalPoint: true,
  },
  {
    email: 'academia@demo.consulta.local',
    displayName: 'Irina Volkova',
    organisation: DEMO_ORGANISATIONS[6].name,
    focalPoint: true,
  },
  {
    email: 'citizen@demo.consulta.local',
    displayName: 'Sam Okafor',
    personal: {
      stakeholderGroup: 'civil_society',
      membership: 'non_member',
      country: 'NG',
      region: 'africa',
    },
  },
];
