/** The demo admin's own words (the elements bring theirs), in English and Hindi. */
export const demoStrings = {
  en: {
    store: 'Kesar Kurta Co.',
    admin: 'Seller admin',
    nav: 'Main',
    dashboard: 'Dashboard',
    marketing: 'Marketing',
    userSegments: 'User Segments',
    language: 'Language',
    darkTheme: 'Dark theme',
    reset: 'Reset demo store',
    preparing: 'Saving 20,000 customers and their orders in this browser: {percent}%',
    generating: 'Generating 20,000 customers and their orders…',
    failed: 'The demo store could not be opened: {message}',
    customers: 'Customers',
    returning: 'Returning customers',
    segments: 'Segments',
    topSpenders: 'Top 100 spenders',
    dashboardIntro:
      'A seller admin as a host would build it. The numbers come from the same adapter as the User Segments page.',
    sampleCsv:
      'Sample CSV to try: {link}. Some of its contacts are customers of this store, some rows are broken on purpose.',
    frameworks: 'The same elements in React and Vue',
    badAddress: 'This demo address is not complete',
    openLocalDemo: 'Open the demo on this browser’s own store',
    campaigns: 'Campaigns',
    campaignsIntro:
      'A campaign form as a host would build it: the segment picker chooses who gets the campaign and says how many people that is.',
    campaignName: 'Campaign name',
    channel: 'Channel',
    channelSms: 'SMS',
    channelEmail: 'Email',
    channelAny: 'SMS or email',
    consentOnly: 'Only customers who accept marketing',
    audience: 'Who gets it',
    sendTest: 'Send test',
    sendTestHint:
      'Send test writes the audience to a CSV file (customer ID, phone, email) instead of sending anything.',
    writing: 'Writing the audience',
    writtenSoFar: '{written} of {total} written',
    cancel: 'Cancel',
    testFile: '{name} audience.csv',
    testWritten: '{count} people written to {file}.',
    testCancelled: 'Send test cancelled.',
    testFailed: 'The audience could not be written: {message}',
  },
  hi: {
    store: 'केसर कुर्ता कंपनी',
    admin: 'सेलर एडमिन',
    nav: 'मुख्य',
    dashboard: 'डैशबोर्ड',
    marketing: 'मार्केटिंग',
    userSegments: 'यूज़र सेगमेंट',
    language: 'भाषा',
    darkTheme: 'डार्क थीम',
    reset: 'डेमो स्टोर रीसेट करें',
    preparing: '20,000 ग्राहक और उनके ऑर्डर इस ब्राउज़र में सेव हो रहे हैं: {percent}%',
    generating: '20,000 ग्राहक और उनके ऑर्डर बनाए जा रहे हैं…',
    failed: 'डेमो स्टोर नहीं खुल सका: {message}',
    customers: 'ग्राहक',
    returning: 'लौटकर आने वाले ग्राहक',
    segments: 'सेगमेंट',
    topSpenders: 'सबसे ज़्यादा ख़र्च करने वाले 100',
    dashboardIntro:
      'सेलर एडमिन, जैसा कोई होस्ट बनाएगा। ये आँकड़े उसी एडैप्टर से आते हैं जिससे यूज़र सेगमेंट पेज चलता है।',
    sampleCsv:
      'आज़माने के लिए एक CSV: {link}। इसके कुछ संपर्क इस स्टोर के ग्राहक हैं, कुछ पंक्तियाँ जानबूझकर ग़लत हैं।',
    frameworks: 'यही एलिमेंट React और Vue में',
    badAddress: 'डेमो का यह पता अधूरा है',
    openLocalDemo: 'इस ब्राउज़र के अपने स्टोर पर डेमो खोलें',
    campaigns: 'कैंपेन',
    campaignsIntro:
      'कैंपेन फ़ॉर्म, जैसा कोई होस्ट बनाएगा: सेगमेंट पिकर चुनता है कि कैंपेन किसे मिले और बताता है कि वे कितने लोग हैं।',
    campaignName: 'कैंपेन का नाम',
    channel: 'चैनल',
    channelSms: 'SMS',
    channelEmail: 'ईमेल',
    channelAny: 'SMS या ईमेल',
    consentOnly: 'सिर्फ़ वे ग्राहक जो मार्केटिंग स्वीकार करते हैं',
    audience: 'किसे मिलेगा',
    sendTest: 'टेस्ट भेजें',
    sendTestHint: 'टेस्ट भेजें कुछ भेजता नहीं, ऑडियंस को एक CSV फ़ाइल (ग्राहक ID, फ़ोन, ईमेल) में लिख देता है।',
    writing: 'ऑडियंस लिखी जा रही है',
    writtenSoFar: '{total} में से {written} लिखे गए',
    cancel: 'रद्द करें',
    testFile: '{name} ऑडियंस.csv',
    testWritten: '{count} लोग {file} में लिखे गए।',
    testCancelled: 'टेस्ट भेजना रद्द किया गया।',
    testFailed: 'ऑडियंस लिखी नहीं जा सकी: {message}',
  },
} as const;

export type DemoLanguage = keyof typeof demoStrings;
export type DemoStrings = (typeof demoStrings)[DemoLanguage];

const PREFS_KEY = 'user-segments-demo:prefs';

/** The language the seller chose last time (English until they choose). */
export function readDemoLanguage(): DemoLanguage {
  return readDemoPrefs().lang;
}

/** The seller's saved choices: language and theme. */
export function readDemoPrefs(): { lang: DemoLanguage; dark: boolean } {
  try {
    const saved = JSON.parse(localStorage.getItem(PREFS_KEY) ?? '{}');
    return { lang: saved.lang === 'hi' ? 'hi' : 'en', dark: saved.dark === true };
  } catch {
    return { lang: 'en', dark: false };
  }
}

export function saveDemoPrefs(prefs: { lang: DemoLanguage; dark: boolean }): void {
  localStorage.setItem(PREFS_KEY, JSON.stringify(prefs));
}
