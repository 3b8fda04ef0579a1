import type { CitationView } from '../../../../shared/schemas/summaries.js';

/** The languages a summary can be published in: the labels the server writes into the frozen text. */
export const SUMMARY_LANGUAGES = ['ar', 'zh', 'en', 'fr', 'ru', 'es'] as const;
export type SummaryLanguage = (typeof SUMMARY_LANGUAGES)[number];

interface Labels {
  references: string;
  hidden: string;
  withdrawn: string;
  missing: string;
  groups: Record<string, string>;
}

/**
 * Few words, in the published summary's language, so that it reads (and prints) in one language. Stakeholder
 * groups are named exactly as the client names them (`positions.json`'s `group`, labels.spec.ts checks): a
 * reader sees one name per group in the charts, the citation popover and this reference list.
 */
export const LABELS: Record<SummaryLanguage, Labels> = {
  en: {
    references: 'References',
    hidden: 'This contribution was hidden by the moderators.',
    withdrawn: 'This contribution was withdrawn by its author.',
    missing: 'This contribution no longer exists.',
    groups: {
      government: 'Government',
      private_sector: 'Private sector',
      civil_society: 'Civil society',
      intergovernmental: 'Intergovernmental and international organisations',
      academic_technical: 'Academic and technical community',
    },
  },
  fr: {
    references: 'Références',
    hidden: 'Cette contribution a été masquée par la modération.',
    withdrawn: 'Cette contribution a été retirée par son auteur.',
    missing: 'Cette contribution n’existe plus.',
    groups: {
      government: 'Gouvernement',
      private_sector: 'Secteur privé',
      civil_society: 'Société civile',
      intergovernmental: 'Organisations intergouvernementales et internationales',
      academic_technical: 'Communauté universitaire et technique',
    },
  },
  es: {
    references: 'Referencias',
    hidden: 'Esta contribución fue ocultada por la moderación.',
    withdrawn: 'Esta contribución fue retirada por su autor.',
    missing: 'Esta contribución ya no existe.',
    groups: {
      government: 'Gobierno',
      private_sector: 'Sector privado',
      civil_society: 'Sociedad civil',
      intergovernmental: 'Organizaciones intergubernamentales e internacionales',
      academic_technical: 'Comunidad académica y técnica',
    },
  },
  ru: {
    references: 'Ссылки',
    hidden: 'Этот вклад скрыт модераторами.',
    withdrawn: 'Этот вклад отозван автором.',
    missing: 'Этого вклада больше нет.',
    groups: {
      government: 'Правительство',
      private_sector: 'Частный сектор',
      civil_society: 'Гражданское общество',
      intergovernmental: 'Межправительственные и международные организации',
      academic_technical: 'Академическое и техническое сообщество',
    },
  },
  zh: {
    references: '参考资料',
    hidden: '该意见已被版主隐藏。',
    withdrawn: '该意见已被作者撤回。',
    missing: '该意见已不存在。',
    groups: {
      government: '政府',
      private_sector: '私营部门',
      civil_society: '民间社会',
      intergovernmental: '政府间组织和国际组织',
      academic_technical: '学术和技术界',
    },
  },
  ar: {
    references: 'المراجع',
    hidden: 'أخفى المشرفون هذه المساهمة.',
    withdrawn: 'سحب صاحب هذه المساهمة مساهمته.',
    missing: 'لم تعد هذه المساهمة موجودة.',
    groups: {
      government: 'الحكومات',
      private_sector: 'القطاع الخاص',
      civil_society: 'المجتمع المدني',
      intergovernmental: 'المنظمات الحكومية الدولية والمنظمات الدولية',
      academic_technical: 'الأوساط الأكاديمية والتقنية',
    },
  },
};

/** Who a cited contribution is from, or why it is not shown: "Grace Gov, Ministry of Digital Affairs (Government)". */
export function citationSource(view: CitationView, language: SummaryLanguage = 'en'): string {
  const l = LABELS[language];
  if (view.state !== 'visible') return l[view.state];
  const who = [view.author, view.organisation].filter(Boolean).join(', ');
  if (!view.stakeholderGroup) return who;
  return `${who} (${l.groups[view.stakeholderGroup] ?? view.stakeholderGroup.replace(/_/g, ' ')})`;
}
