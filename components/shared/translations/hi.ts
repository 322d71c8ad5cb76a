/**
 * हिन्दी: the Hindi table, complete (the type checker refuses a missing key). Written for sellers
 * in India: everyday Hindi with the English words they use in admin panels (CSV, ईमेल, कॉलम).
 */
import type { Translation } from './en.ts';

export const hi: Translation = {
  errors: {
    'name-taken': 'इस नाम का सेगमेंट पहले से मौजूद है। कोई दूसरा नाम चुनें।',
    invalid: 'कुछ जानकारी सही नहीं है। चिह्नित फ़ील्ड जाँचें।',
    'not-found': 'यह सेगमेंट अब मौजूद नहीं है। हो सकता है इसे किसी दूसरे टैब में हटा दिया गया हो।',
    conflict: 'इस बीच किसी और ने यह सेगमेंट बदल दिया है। उनके बदलाव देखने के लिए इसे फिर से लोड करें।',
    'read-only': 'यह सेगमेंट बदला नहीं जा सकता।',
    unavailable: 'ग्राहकों का डेटा नहीं मिल सका। कनेक्शन जाँचें और फिर से कोशिश करें।',
    unauthorized: 'आपको यह करने की अनुमति नहीं है। फिर से साइन इन करें या स्टोर के मालिक से पूछें।',
    unknown: 'कुछ गड़बड़ हो गई। फिर से कोशिश करें।',
  },

  csvMapper: {
    dropZoneLabel: 'CSV फ़ाइल',
    chooseFile: 'CSV फ़ाइल चुनें',
    dropHint: 'या उसे यहाँ छोड़ें',
    fileRequirements: 'एक हेडर पंक्ति, जिसमें फ़ोन का कॉलम और ईमेल का कॉलम हो।',
    notCsv: '"{name}" CSV फ़ाइल नहीं है। .csv पर ख़त्म होने वाली फ़ाइल चुनें।',
    reading: '{name} पढ़ी जा रही है…',
    readFailed: '{name} पढ़ी नहीं जा सकी। {message}',
    fileLabel: 'फ़ाइल',
    detectedDelimiter: 'पहचाना गया विभाजक',
    delimiter: 'विभाजक',
    delimiterComma: 'कॉमा',
    delimiterSemicolon: 'सेमीकोलन',
    delimiterTab: 'टैब',
    delimiterPipe: 'पाइप',
    delimiterOther: 'अन्य ({char})',
    encoding: 'एन्कोडिंग',
    phoneColumn: 'फ़ोन कॉलम',
    emailColumn: 'ईमेल कॉलम',
    columnHint: 'फ़ाइल का कोई कॉलम चुनें या उसके हेडर का ठीक वही नाम लिखें।',
    columnMissing: 'वह कॉलम चुनें जिसमें यह जानकारी है।',
    columnNotFound: 'इस फ़ाइल में "{name}" नाम का कोई कॉलम नहीं है। इसके कॉलम ये हैं: {columns}।',
    fileIssuesHeading: 'यह फ़ाइल इम्पोर्ट नहीं की जा सकती',
    previewCaption: { one: 'झलक: पहली पंक्ति', other: 'झलक: पहली {count} पंक्तियाँ' },
    progressLabel: 'जाँच की प्रगति',
    progressText: 'जाँची गई पंक्तियाँ: {rows} ({percent}%)',
    cancel: 'रद्द करें',
    cancelled: 'जाँच रद्द कर दी गई।',
    validateAgain: 'फिर से जाँचें',
    validationFailed: 'जाँच नहीं हो सकी: {message}',
    summaryHeading: 'जाँच का नतीजा',
    accepted: 'स्वीकार',
    rejected: 'अस्वीकार',
    duplicates: 'दोहराई गई',
    totalRows: 'कुल पंक्तियाँ',
    reasonsCaption: 'अस्वीकार पंक्तियाँ, कारण के अनुसार',
    reason: 'कारण',
    rowCount: 'पंक्तियाँ',
    downloadRejected: 'अस्वीकार पंक्तियाँ डाउनलोड करें',
    downloadFileName: '{name}-अस्वीकार.csv',
    announceStarted: '{name} की जाँच हो रही है।',
    announceProgress: 'जाँच {percent}% पूरी। जाँची गई पंक्तियाँ: {rows}।',
    announceDone:
      'जाँच पूरी हुई। स्वीकार: {accepted}, अस्वीकार: {rejected}, दोहराई गई: {duplicates}, कुल पंक्तियाँ: {rows}।',
    announceIssues: 'यह फ़ाइल इम्पोर्ट नहीं की जा सकती: {message}',
    announceCancelled: 'जाँच रद्द कर दी गई।',
    invalidMissing: 'एक CSV फ़ाइल चुनें।',
    invalidPending: 'CSV फ़ाइल की जाँच पूरी होने तक रुकें।',
    invalidNoneAccepted: 'इस फ़ाइल की किसी भी पंक्ति में सही फ़ोन नंबर या ईमेल नहीं है।',
    invalidCancelled: 'जाँच रद्द कर दी गई थी। फ़ाइल को फिर से जाँचें।',
  },

  csvIssues: {
    'binary-file':
      'यह फ़ाइल टेक्स्ट नहीं है, इसलिए CSV फ़ाइल नहीं हो सकती। अपनी ग्राहक सूची का CSV एक्सपोर्ट चुनें।',
    'binary-file-workbook':
      'यह CSV फ़ाइल नहीं, बल्कि स्प्रेडशीट वर्कबुक या ZIP फ़ाइल है। इसे Excel या Google Sheets में खोलकर CSV के रूप में सेव या डाउनलोड करें (या अनज़िप करें), फिर वह फ़ाइल अपलोड करें।',
    'empty-file': 'फ़ाइल ख़ाली है। ऐसी CSV फ़ाइल चुनें जिसमें हेडर पंक्ति हो और हर पंक्ति में एक ग्राहक हो।',
    'no-rows': 'फ़ाइल में हेडर पंक्ति तो है, पर उसके नीचे ग्राहकों की कोई पंक्ति नहीं है।',
    'missing-header':
      'पहली पंक्ति में कॉलम के नाम नहीं, ग्राहकों का डेटा है। फ़ाइल में सबसे ऊपर हेडर पंक्ति जोड़ें (जैसे "name,phone,email")।',
    'missing-phone-column':
      'हेडर पंक्ति में फ़ोन का कॉलम नहीं मिला। उसे फ़ोन कॉलम में चुनें, या कॉलम का नाम "phone" या "mobile" रखें।',
    'missing-email-column':
      'हेडर पंक्ति में ईमेल का कॉलम नहीं मिला। उसे ईमेल कॉलम में चुनें, या कॉलम का नाम "email" रखें।',
    'unknown-column': 'हेडर पंक्ति में "{column}" नाम का कोई कॉलम नहीं है।',
    'unknown-column-near':
      'हेडर पंक्ति में "{column}" नाम का कोई कॉलम नहीं है (क्या आपका मतलब "{suggestion}" था?)।',
    'ambiguous-column':
      'कॉलम "{column}" हेडर पंक्ति में एक से ज़्यादा बार है (कॉलम {columns}); बाक़ी का नाम बदलें ताकि साफ़ रहे कि किसका इस्तेमाल करना है।',
    'header-space':
      'कॉलम "{column}" के नाम में स्पेस है। फ़ाइल में इसका नाम बदलकर "{suggestion}" करें और फिर से अपलोड करें।',
    'same-column': '"{column}" को फ़ोन और ईमेल, दोनों का कॉलम चुना गया है; इनमें से एक के लिए दूसरा कॉलम चुनें।',
    'empty-header':
      'हेडर पंक्ति में बिना नाम वाले कॉलम चुने नहीं जा सकते (कॉलम {columns}); अगर इनमें फ़ोन या ईमेल हैं तो इन्हें नाम दें।',
    'duplicate-header':
      'हेडर "{header}" कॉलम {columns} में है; एक का नाम बदलें ताकि हर कॉलम का अपना नाम हो।',
    unknown: 'इस फ़ाइल को ग्राहक सूची के रूप में पढ़ा नहीं जा सकता।',
  },

  csvRejections: {
    'no-contact': 'न फ़ोन है, न ईमेल',
    'invalid-phone': 'फ़ोन नंबर सही नहीं; ईमेल नहीं है',
    'invalid-email': 'ईमेल सही नहीं; फ़ोन नहीं है',
    'invalid-contact': 'न फ़ोन नंबर सही है, न ईमेल',
    'scientific-phone':
      'स्प्रेडशीट ने फ़ोन को संख्या (साइंटिफ़िक नोटेशन) में बदल दिया; कॉलम को Text फ़ॉर्मैट करके फिर से एक्सपोर्ट करें',
    'unclosed-quote': 'एक उद्धरण चिह्न (") कभी बंद नहीं हुआ, इसलिए बाक़ी फ़ाइल एक ही मान के रूप में पढ़ी गई',
    'text-after-quote': 'बंद होने वाले उद्धरण चिह्न (") के ठीक बाद टेक्स्ट है',
    unknown: 'पढ़ी नहीं जा सकी',
  },
  segmentList: {
    tabsLabel: 'सेगमेंट का दायरा',
    tabStore: 'सेगमेंट',
    tabGlobal: 'ग्लोबल',
    search: 'सेगमेंट खोजें',
    searchPlaceholder: 'नाम से खोजें',
    addNew: 'नया जोड़ें',
    name: 'नाम',
    type: 'प्रकार',
    users: 'यूज़र',
    typeCsv: 'CSV',
    typeFilter: 'फ़िल्टर',
    typePredefined: 'पहले से तय',
    countUnknown: 'अभी गिने नहीं गए',
    readOnly: 'सिर्फ़ देखने के लिए',
    actions: '{name} के लिए विकल्प',
    edit: 'बदलें',
    duplicate: 'कॉपी बनाएँ',
    delete: 'हटाएँ',
    deleteTitle: 'सेगमेंट हटाएँ?',
    deleteBody: '"{name}" हमेशा के लिए हट जाएगा। जो कैंपेन इसका इस्तेमाल करते हैं, उन्हें यह नहीं मिलेगा।',
    deleteConfirm: 'हटाएँ',
    cancel: 'रद्द करें',
    loading: 'सेगमेंट लोड हो रहे हैं…',
    retry: 'फिर से कोशिश करें',
    empty: 'अभी कोई सेगमेंट नहीं है। पहला सेगमेंट बनाने के लिए "नया जोड़ें" दबाएँ।',
    emptyGlobal: 'कोई ग्लोबल सेगमेंट नहीं है।',
    noMatch: '"{query}" से कोई सेगमेंट मेल नहीं खाता।',
    total: { one: '{count} सेगमेंट', other: '{count} सेगमेंट' },
    selectedUsers: { one: '{name}: कुल {count} यूज़र', other: '{name}: कुल {count} यूज़र' },
    selectedUnknown: '{name}: यूज़र अभी गिने नहीं गए',
    deleted: '"{name}" हटा दिया गया।',
    duplicated: '"{name}" बना दिया गया।',
  },

  segmentForm: {
    newTitle: 'नया सेगमेंट',
    editTitle: 'सेगमेंट बदलें',
    name: 'नाम',
    nameHint: '1 से 100 अक्षर; स्टोर के दो सेगमेंट का एक ही नाम नहीं हो सकता।',
    nameRequired: 'सेगमेंट का नाम लिखें।',
    nameTooLong: 'ज़्यादा से ज़्यादा 100 अक्षर लिखें (अभी {count} हैं)।',
    type: 'प्रकार',
    typeCsv: 'CSV',
    typeFilter: 'फ़िल्टर',
    typeFixed: 'सेव किए गए सेगमेंट का प्रकार नहीं बदला जा सकता।',
    submit: 'सबमिट करें',
    saving: 'सेव हो रहा है…',
    cancel: 'रद्द करें',
    loading: 'सेगमेंट लोड हो रहा है…',
    retry: 'फिर से कोशिश करें',
    progressLabel: 'संपर्क जोड़े जा रहे हैं',
    progressText: 'जोड़े गए संपर्क: {total} में से {sent}',
    csvNeeded: 'एक CSV फ़ाइल चुनें और उसकी जाँच पूरी होने तक रुकें।',
    filterNeeded: 'पहले फ़िल्टर की शर्तें ठीक करें।',
    csvCurrent: 'फ़ाइल {file}: {accepted} संपर्क',
    csvEditNote: 'CSV सेगमेंट के संपर्क वैसे ही रहते हैं जैसे अपलोड किए गए थे। दूसरी फ़ाइल के लिए नया सेगमेंट बनाएँ।',
    readOnlyNote:
      'यह सेगमेंट बदला नहीं जा सकता। इसकी बदली जा सकने वाली कॉपी के लिए सूची में "कॉपी बनाएँ" चुनें।',
    conflictTheirs: 'उनका वर्शन लोड करें',
    conflictMine: 'मेरा वर्शन रखें',
    conflictHint:
      '"उनका वर्शन लोड करें" उनके बदलाव दिखाता है और आपके बदलाव हटा देता है; "मेरा वर्शन रखें" आपका वर्शन उनके वर्शन की जगह सेव करता है।',
    incompleteRemoved:
      'सेगमेंट सेव नहीं हुआ: {total} में से सिर्फ़ {sent} संपर्क जोड़े जा सके, इसलिए उसे हटा दिया गया। आपकी फ़ाइल और नाम यहीं हैं; फिर से सबमिट करें।',
    incompleteKept:
      'सेगमेंट {total} में से सिर्फ़ {sent} संपर्कों के साथ सेव हुआ। बाक़ी जोड़ने के लिए फिर से सबमिट करें।',
    issues: 'क्या ठीक करना है:',
  },

  userSegments: {
    saved: {
      one: '"{name}" {count} यूज़र के साथ सेव हो गया।',
      other: '"{name}" {count} यूज़र के साथ सेव हो गया।',
    },
    savedUncounted: '"{name}" सेव हो गया।',
    dismiss: 'बंद करें',
  },
};
