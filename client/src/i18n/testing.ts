import i18next, { type TFunction } from 'i18next';
import { resources } from './resources';

/**
 * For unit specs: a `t` in one language and namespace, over the app's own strings and its English fallback,
 * from an i18next instance of its own (the app's is tied to the DOM and the reader's stored choice).
 */
export function translator<N extends string>(lng: string, ns: N): TFunction<N> {
  const instance = i18next.createInstance();
  void instance.init({
    resources,
    lng,
    fallbackLng: 'en',
    ns: Object.keys(resources.en),
    defaultNS: ns,
    initAsync: false,
    interpolation: { escapeValue: false },
  });
  return instance.getFixedT(lng, ns) as TFunction<N>;
}
