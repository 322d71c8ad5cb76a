/**
 * The English table: every string the elements show or announce, and the reference shape every
 * other table follows (`Translation`). Placeholders are `{name}`; plural forms are objects keyed
 * by `Intl.PluralRules` categories (`one`, `other`, …), so a table is plain, JSON-friendly data.
 */
import { ENGLISH_FILTER_WORDS } from '../../../src/core.ts';

export const en = {
  /** Messages for the `SegmentError` codes an adapter rejects with. */
  errors: {
    'name-taken': 'A segment with this name already exists. Choose another name.',
    invalid: 'Some of the details are not valid. Check the highlighted fields.',
    'not-found': 'This segment no longer exists. It may have been deleted in another tab.',
    conflict: 'Someone else changed this segment meanwhile. Reload it to see their changes.',
    'read-only': 'This segment cannot be changed.',
    unavailable: 'The customer data could not be reached. Check the connection and try again.',
    unauthorized: 'You are not allowed to do this. Sign in again or ask the store owner.',
    incomplete:
      'This segment is still importing its contacts. Resume the upload, or delete the segment.',
    unknown: 'Something went wrong. Try again.',
  },

  csvMapper: {
    dropZoneLabel: 'CSV file',
    chooseFile: 'Choose CSV file',
    replaceFile: 'Replace file',
    dropHint: 'or drop it here',
    fileRequirements: 'A header row with a phone column and an email column.',
    notCsv: '"{name}" is not a CSV file. Choose a file ending in .csv.',
    reading: 'Reading {name}…',
    readFailed: 'Could not read {name}. {message}',
    fileLabel: 'File',
    detectedDelimiter: 'Detected delimiter',
    delimiter: 'Delimiter',
    delimiterComma: 'Comma',
    delimiterSemicolon: 'Semicolon',
    delimiterTab: 'Tab',
    delimiterPipe: 'Pipe',
    delimiterOther: 'Other ({char})',
    encoding: 'Encoding',
    phoneColumn: 'Phone Column',
    emailColumn: 'Email Column',
    columnHint: 'Pick a column of the file or type its exact header name.',
    columnMissing: 'Choose the column that holds this value.',
    columnNotFound: 'No column named "{name}" in this file. Its columns are: {columns}.',
    fileIssuesHeading: 'This file cannot be imported',
    previewCaption: { one: 'Preview: first row', other: 'Preview: first {count} rows' },
    progressLabel: 'Validation progress',
    progressText: 'Rows checked: {rows} ({percent}%)',
    cancel: 'Cancel',
    cancelled: 'Validation cancelled.',
    validateAgain: 'Validate again',
    validationFailed: 'Validation failed: {message}',
    summaryHeading: 'Validation result',
    accepted: 'Accepted',
    rejected: 'Rejected',
    duplicates: 'Duplicates',
    totalRows: 'Total rows',
    reasonsCaption: 'Rejected rows by reason',
    reason: 'Reason',
    rowCount: 'Rows',
    downloadRejected: 'Download rejected rows',
    downloadFileName: '{name}-rejected.csv',
    announceStarted: 'Validating {name}.',
    announceProgress: 'Validation {percent}% done. Rows checked: {rows}.',
    announceDone:
      'Validation finished. Accepted: {accepted}, rejected: {rejected}, duplicates: {duplicates}, total rows: {rows}.',
    announceIssues: 'This file cannot be imported: {message}',
    announceCancelled: 'Validation cancelled.',
    invalidMissing: 'Choose a CSV file.',
    invalidPending: 'Wait until the CSV file has been checked.',
    invalidNoneAccepted: 'No row of this file has a valid phone number or email.',
    invalidCancelled: 'Validation was cancelled. Validate the file again.',
    /** Under a preview wider than the screen. */
    previewScrollHint: 'Scroll sideways (or use the arrow keys) to see every column.',
  },

  /**
   * File-level CSV issues by `code`; `{params}` come from the issue's `params`.
   * `binary-file-workbook` is `binary-file` with `params.kind` "workbook".
   */
  csvIssues: {
    'binary-file':
      'This file is not text, so it cannot be a CSV file. Choose the CSV export of your customer list.',
    'binary-file-workbook':
      'This is a spreadsheet workbook or a ZIP archive, not a CSV file. Open it in Excel or Google Sheets and save or download it as CSV (or unzip it), then upload that file.',
    'empty-file':
      'The file is empty. Choose a CSV file with a header row and one customer per line.',
    'unsupported-encoding':
      'This file is saved as {encoding}, which cannot be read. Save it as "CSV UTF-8" and upload that file.',
    'no-rows': 'The file has a header row but no customer rows below it.',
    'missing-header':
      'The first row holds customer data, not column names. Add a header row (for example "name,phone,email") at the top of the file.',
    'missing-phone-column':
      'No phone column was found in the header row. Choose it under Phone Column, or name the column "phone" or "mobile".',
    'missing-email-column':
      'No email column was found in the header row. Choose it under Email Column, or name the column "email".',
    'unknown-column': 'There is no column named "{column}" in the header row.',
    'unknown-column-near':
      'There is no column named "{column}" in the header row (did you mean "{suggestion}"?).',
    'ambiguous-column':
      'The column "{column}" appears more than once in the header row (columns {columns}); rename the copies so it is clear which one to use.',
    'header-space':
      'The column "{column}" has a space in its name. Rename it to "{suggestion}" in the file and upload it again.',
    'same-column':
      '"{column}" is mapped as both the phone and the email column; choose a different column for one of them.',
    'empty-header':
      'Columns without a name in the header row cannot be mapped (columns {columns}); give them names if they hold phones or emails.',
    'duplicate-header':
      'The header "{header}" appears in columns {columns}; rename one so each column has its own name.',
    'header-too-long':
      'The first row runs on for more than 4 MB without ending, so it is not a header row. Check that the file is a CSV export with one customer per line.',
    unknown: 'This file cannot be read as a customer list.',
  },

  /** Why rows were rejected, by `code`: one line per group of rows, so no row's own values. */
  csvRejections: {
    'no-contact': 'No phone or email',
    'invalid-phone': 'Phone number not valid; no email',
    'invalid-email': 'Email not valid; no phone',
    'invalid-contact': 'Neither the phone number nor the email is valid',
    'scientific-phone':
      'Phone turned into a number by a spreadsheet (scientific notation); format the column as Text and export again',
    'unclosed-quote': 'A quote is never closed, so the rest of the file was read as one value',
    'text-after-quote': 'Text right after a closing quote',
    unknown: 'Could not be read',
  },
  filterBuilder: {
    filterLabel: 'Filter',
    field: 'Field',
    operator: 'Operator',
    value: 'Value',
    secondValue: 'Second value',
    unit: 'Unit',
    addFilter: 'Add filter',
    addGroup: 'Add group',
    remove: 'Remove',
    removeGroup: 'Remove group',
    moveUp: 'Move up',
    moveDown: 'Move down',
    condition: 'Condition {number}',
    group: 'Group {number}',
    combinator: 'Combine with',
    and: 'AND',
    or: 'OR',
    andHint: 'Customers must match every condition',
    orHint: 'Customers must match at least one condition',
    not: 'NOT',
    notHint: 'Exclude the customers who match',
    yes: 'Yes',
    no: 'No',
    days: 'days',
    weeks: 'weeks',
    months: 'months',
    betweenJoin: 'and',
    chipsHint: 'Press Enter or comma to add; Backspace removes the last one.',
    removeChip: 'Remove {value}',
    chooseSegment: 'Choose a segment…',
    moneyHint: 'In {currency}',
    phoneShownAs: 'Saved as {phone}',
    count: {
      one: '{count} of {total} customer ({percent})',
      other: '{count} of {total} customers ({percent})',
    },
    countNoCustomers: 'There are no customers yet.',
    counting: 'Counting…',
    countFailed: 'Could not count the matching customers.',
    retry: 'Retry',
    countNeedsValid: 'Fix the highlighted conditions to see how many customers match.',
    empty: 'Add a condition to choose which customers are in this segment.',
    summaryLabel: 'In words',
    /** The summary while no condition is complete yet. */
    summaryPending: 'Complete a condition to read the filter in words.',
    keyboardHint: 'Alt+Up and Alt+Down move a condition.',
    tooLarge:
      'This filter cannot be shown: it is nested more than 5 groups deep or holds more conditions than a filter may.',
    moved: 'Moved to position {position} of {count}.',
    removed: 'Condition removed.',
    readonlyAll: 'All of',
    readonlyAny: 'Any of',
    /** The parts of a date box's pattern, put in the language's order ("DD/MM/YYYY"). */
    dateDay: 'DD',
    dateMonth: 'MM',
    dateYear: 'YYYY',
    /** Read with a date box: `{pattern}` is the order it takes, e.g. "DD/MM/YYYY". */
    dateHint: 'Type the date as {pattern}; Up and Down arrows change it by a day.',
  },

  /** Field labels by field id, the help page's first. */
  fieldLabels: {
    email: 'Email',
    phone: 'Phone',
    createdOn: 'Created On',
    name: 'Name',
    city: 'City',
    state: 'State',
    firstOrderOn: 'First Order On',
    lastOrderOn: 'Last Order On',
    ordersCount: 'Number of Orders',
    totalSpent: 'Total Spent',
    spendRank: 'Spend Rank',
    tags: 'Tags',
    acceptsMarketing: 'Accepts Marketing',
    segment: 'Segment',
  },

  /**
   * Operators in a seller's words; `type:operator` keys override one type's wording. English
   * words for filters live in one place, shared with `describeFilter`.
   */
  operators: ENGLISH_FILTER_WORDS.operators,

  /** Filter validation issues by `code` (validateFilter), shown beside the control at fault. */
  filterIssues: {
    'empty-group': 'Add at least one condition to this group.',
    'too-deep': 'Groups cannot be nested this deep. Move these conditions up a level.',
    'too-many-rules': 'A filter can have at most 100 conditions.',
    'unknown-field': 'Choose a field.',
    'unknown-operator': 'Choose an operator.',
    'operator-not-allowed': 'Choose an operator.',
    'missing-value': 'Enter a value.',
    'unexpected-value': 'This operator takes no value.',
    'wrong-value-type': 'Enter a valid value.',
    'wrong-number': 'Enter a number.',
    'invalid-date': 'Enter a real date.',
    'invalid-range': 'The first value must not be after the second.',
    'empty-list': 'Add at least one value.',
    'invalid-phone': 'This is not a valid phone number.',
    'invalid-amount': 'Enter a whole number from 1 to 10,000.',
    'invalid-unit': 'Choose days, weeks or months.',
    'unknown-segment': 'This segment no longer exists.',
    'segment-cycle': 'A segment cannot include itself.',
    'invalid-segment': 'Choose a segment.',
    unknown: 'This condition is not valid.',
  },

  /** The filter in words (`describeFilter`'s sentence): placeholders and joiners. */
  filterSummary: ENGLISH_FILTER_WORDS.filterSummary,

  /** `<segment-list>`: the table of segments with its tabs, search and row actions. */
  /**
   * The predefined segments' names by their stable ids, so each language names them in its own
   * words (a copy is a segment of its own and keeps the name it was given).
   */
  predefinedSegments: {
    'first-time-customers': 'First Time Customers',
    'returning-customers': 'Returning Customers',
    'top-10-spenders': 'Top 10 High-Value Spenders',
    'top-50-spenders': 'Top 50 High-Value Spenders',
    'top-100-spenders': 'Top 100 High-Value Spenders',
  } as Record<string, string>,

  segmentList: {
    exportCsv: 'Export CSV',
    viewMembers: 'View members',
    tabsLabel: 'Segment scope',
    tabStore: 'Segments',
    tabGlobal: 'Global',
    search: 'Search segments',
    searchPlaceholder: 'Search by name',
    addNew: 'Add New',
    name: 'Name',
    type: 'Type',
    users: 'Users',
    typeCsv: 'CSV',
    typeFilter: 'Filter',
    typePredefined: 'Predefined',
    countUnknown: 'Not counted yet',
    readOnly: 'Read-only',
    actions: 'Actions for {name}',
    edit: 'Edit',
    duplicate: 'Duplicate',
    delete: 'Delete',
    deleteTitle: 'Delete segment?',
    deleteBody: '"{name}" will be deleted for good. Campaigns that use it will no longer find it.',
    deleteConfirm: 'Delete',
    cancel: 'Cancel',
    loading: 'Loading segments…',
    retry: 'Retry',
    empty: 'No segments yet. Use Add New to make your first one.',
    emptyGlobal: 'There are no global segments.',
    noMatch: 'No segment matches "{query}".',
    total: { one: '{count} segment', other: '{count} segments' },
    selectedUsers: {
      one: '{name}: {count} user in total',
      other: '{name}: {count} users in total',
    },
    selectedUnknown: '{name}: the users are not counted yet',
    deleted: '"{name}" was deleted.',
    unreadable: 'Cannot be shown',
    unnamed: 'Unnamed segment',
    duplicated: '"{name}" was created.',
    /** The name Duplicate gives a copy, and the next ones while that name is taken. */
    copyName: '{name} (copy)',
    copyNameNumbered: '{name} (copy {number})',
    /** A CSV segment whose upload has not finished, in the Users column. */
    importing: 'Importing · {received} of {expected}',
    /**
     * The same for a ready CSV segment taking another file: adding to or replacing its contacts
     * (as short as Importing: the Users column is narrow; the selected status says it in full).
     */
    importingAdd: 'Adding · {received} of {expected}',
    importingReplace: 'Replacing · {received} of {expected}',
    resume: 'Resume',
    /** An upload into a ready segment's contacts, dropped: the segment goes back. */
    abandon: 'Keep the old contacts',
    abandoned: 'The new file was dropped: "{name}" keeps its {total} contacts.',
    selectedImporting:
      '{name}: still importing, {received} of {expected} contacts are in. Resume the upload or delete it.',
    selectedReopened:
      '{name}: {received} of {expected} contacts of the new file are in. Resume the upload, or keep the old contacts.',
    /** The Updated column: its header, and a segment without a date of its own (predefined). */
    updated: 'Updated',
    updatedNever: 'No update date',
    /** Under the list's headers' sort buttons on phones, where the headers are hidden. */
    sortBy: 'Sort by',
    sortDefault: 'Default order',
    sortNameAscending: 'Name, A to Z',
    sortNameDescending: 'Name, Z to A',
    sortUsersDescending: 'Users, most first',
    sortUsersAscending: 'Users, fewest first',
    sortUpdatedDescending: 'Updated, newest first',
    sortUpdatedAscending: 'Updated, oldest first',
    sorted: 'Sorted by {column}, {direction}',
    ascending: 'ascending',
    descending: 'descending',
  },

  /** `<segment-form>`: creating and editing one segment. */
  segmentForm: {
    newTitle: 'New segment',
    editTitle: 'Edit segment',
    name: 'Name',
    nameHint: '1 to 100 characters; no two segments of the store share a name.',
    nameRequired: 'Enter a name for the segment.',
    nameTooLong: 'Use at most 100 characters (now {count}).',
    type: 'Type',
    typeCsv: 'CSV',
    typeFilter: 'Filter',
    typeFixed: 'The type of a saved segment cannot change.',
    submit: 'Submit',
    /** The submit button when editing a saved segment. */
    save: 'Save',
    saving: 'Saving…',
    cancel: 'Cancel',
    loading: 'Loading the segment…',
    retry: 'Retry',
    progressLabel: 'Adding contacts',
    progressText: 'Contacts added: {sent} of {total}',
    csvNeeded: 'Choose a CSV file and wait until it has been checked.',
    filterNeeded: 'Fix the filter conditions first.',
    csvCurrent: 'File {file}: {accepted} contacts',
    /** Editing a ready CSV segment: what to do with its contacts. */
    contacts: 'Contacts',
    contactsKeep: 'Keep the contacts',
    contactsAdd: 'Add contacts from a file',
    contactsReplace: 'Replace all contacts',
    contactsAddHint:
      "The file's contacts join the ones the segment has; a contact already in it is not added twice.",
    contactsReplaceHint:
      "Once all of the file's contacts are in, they become the segment's only contacts; until then it keeps the ones it has.",
    contactsAdded: {
      one: 'Added {count} new contact. "{name}" now has {total} contacts.',
      other: 'Added {count} new contacts. "{name}" now has {total} contacts.',
    },
    contactsReplaced: '"{name}" now has the {total} contacts of {file}.',
    contactsNotChanged:
      'The contacts were not changed: only {sent} of {total} could be sent, so the segment keeps the contacts it had. Submit again to retry.',
    /** A reopened upload (adding or replacing) can be dropped: the segment goes back. */
    abandon: 'Keep the old contacts',
    abandoned: 'The new file was dropped: "{name}" keeps its {total} contacts.',
    readOnlyNote: 'This segment cannot be changed. Duplicate it from the list to edit a copy.',
    conflictTheirs: 'Reload theirs',
    conflictMine: 'Keep mine',
    conflictHint:
      'Reload theirs shows their version and drops your changes; Keep mine saves your version over theirs.',
    incompleteRemoved:
      'The segment was not saved: only {sent} of {total} contacts could be added, so it was removed. Your file and name are still here; submit again.',
    incompleteKept:
      'The upload stopped at {sent} of {total} contacts. The segment is kept as importing: choose Resume upload to add the rest.',
    resumeTitle: 'Resume upload',
    resumeNote:
      '"{name}" is still importing: {received} of {expected} contacts are in. Choose the same file ({file}) to add the rest; contacts already in are not added twice.',
    resumeSubmit: 'Resume upload',
    issues: 'What to fix:',
    leaveTitle: 'Leave without saving?',
    leaveBody: 'What you entered in this form will be lost.',
    leaveStay: 'Keep editing',
    leaveDiscard: 'Discard changes',
  },

  /** `<user-segments>`: the whole page. */
  /** The panels under the rules while a filter segment is edited: impact, preview, check. */
  formInsight: {
    impactLabel: 'Against the saved rules',
    join: { one: '+{count} joins', other: '+{count} join' },
    leave: { one: '{count} leaves', other: '{count} leave' },
    noChange: 'Same customers as the saved rules',
    counting: 'Counting who joins and leaves…',
    joiningTitle: 'Customers who would join',
    leavingTitle: 'Customers who would leave',
    close: 'Close',
    more: { one: 'and {count} more', other: 'and {count} more' },
    previewTitle: 'First matching customers',
    previewEmpty: 'No customer matches these rules.',
    columnName: 'Name',
    columnEmail: 'Email',
    columnCity: 'City',
    columnSpent: 'Spent',
    checkTitle: 'Check a customer',
    checkSearch: 'Name, email or phone',
    checkButton: 'Search',
    checkNone: 'No customer matches "{query}".',
    checkPick: 'Choose a customer to see each condition.',
    checkIn: '{name} is in this segment.',
    checkOut: '{name} is not in this segment.',
    noValue: 'no value',
    matched: 'matches',
    notMatched: 'does not match',
    groupAll: 'All of these',
    groupAny: 'Any of these',
    groupNot: 'None of these may hold',
    inSegments: 'in {names}',
    inNoSegment: 'in none of them',
  },

  userSegments: {
    saved: {
      one: '"{name}" was saved with {count} user.',
      other: '"{name}" was saved with {count} users.',
    },
    savedUncounted: '"{name}" was saved.',
    dismiss: 'Dismiss',
  },

  /** `<segment-members>`: one segment's rule, count and members; exporting them. */
  segmentMembers: {
    back: 'Back to segments',
    loading: 'Loading the segment…',
    retry: 'Retry',
    typeCsv: 'CSV segment',
    typeFilter: 'Filter segment',
    typePredefined: 'Predefined segment',
    typeGlobal: 'Global segment',
    ruleHeading: 'Rule',
    ruleLabel: 'Rule of {name}',
    predefinedNote:
      'A predefined segment is kept up to date by the store itself as orders come in; it cannot be changed, but a copy can.',
    globalNote:
      'A global segment is defined for every store on the platform; it cannot be changed here, but a copy can.',
    csvNote: 'Uploaded from {file}.',
    count: { one: '{count} member', other: '{count} members' },
    countOf: {
      one: '{count} member of {total} customers',
      other: '{count} members of {total} customers',
    },
    countUnknown: 'The members are not counted yet.',
    unmatched: {
      one: '{count} uploaded contact matched no customer.',
      other: '{count} uploaded contacts matched no customer.',
    },
    allMatched: 'Every uploaded contact matched a customer.',
    membersHeading: 'Members',
    search: 'Search members',
    searchPlaceholder: 'Name, email, phone or city',
    colName: 'Name',
    colEmail: 'Email',
    colPhone: 'Phone',
    colCity: 'City',
    colOrders: 'Orders',
    colSpent: 'Total spent',
    colCreated: 'Created on',
    notACustomer: 'Not a customer yet',
    none: 'This segment has no members.',
    noMatch: 'No member matches "{query}".',
    matches: {
      one: '{count} member matches "{query}".',
      other: '{count} members match "{query}".',
    },
    matchesSoFar: {
      one: '{count} member matches "{query}" among the first {scanned}.',
      other: '{count} members match "{query}" among the first {scanned}.',
    },
    shown: 'Showing {shown} of {total}.',
    more: 'Show more members',
    loadingMore: 'Loading more members…',
    exportCsv: 'Export CSV',
    exporting: 'Exporting: {written} of {total}',
    exportProgress: 'Export progress',
    cancel: 'Cancel',
    exported: {
      one: '{count} member exported to {file}.',
      other: '{count} members exported to {file}.',
    },
    exportCancelled: 'Export cancelled.',
    exportFileName: '{name}.csv',
  },
  /** A segment's size over time: the list's sparkline sentence and the members view's chart. */
  trend: {
    /** The list's column header. */
    column: 'Trend',
    up: { one: 'up {percent} in {count} day', other: 'up {percent} in {count} days' },
    down: { one: 'down {percent} in {count} day', other: 'down {percent} in {count} days' },
    same: { one: 'no change in {count} day', other: 'no change in {count} days' },
    /** Growing from no members at all, where a percentage means nothing. */
    fromZero: {
      one: 'up from 0 to {to} in {count} day',
      other: 'up from 0 to {to} in {count} days',
    },
    tooShort: 'Not enough history yet',
    /** countHistory failed: said quietly, the rest of the page works on. */
    unavailable: 'Trend unavailable',
    loading: 'Loading trend…',
    /** The members view's chart. */
    heading: 'Size over time',
    chartLabel: {
      one: 'Members over the last {count} day',
      other: 'Members over the last {count} days',
    },
    chartHelp: 'Left and Right arrows move between days; Home and End go to the first and last.',
    point: { one: '{date}: {count} person', other: '{date}: {count} people' },
    showTable: 'Show as a table',
    hideTable: 'Hide the table',
    colDate: 'Day',
    colCount: 'Members',
    retry: 'Retry',
  },
  segmentPicker: {
    include: 'Include',
    exclude: 'Exclude',
    includeHint: 'Customers in any of these segments.',
    excludeHint: 'Customers in any of these segments are left out.',
    placeholder: 'Search segments',
    included: 'Included segments',
    excluded: 'Excluded segments',
    remove: 'Remove {name}',
    options: 'Segments',
    searching: 'Searching segments…',
    noMatch: 'No segment matches "{query}".',
    noSegments: 'There are no segments yet.',
    searchFailed: 'The segments could not be searched.',
    retry: 'Retry',
    users: { one: '{count} user', other: '{count} users' },
    counting: 'counting…',
    countFailed: 'not counted',
    importing: 'Still importing: it can be chosen once its upload finishes.',
    inInclude: 'Already in Include.',
    inExclude: 'Already in Exclude.',
    global: 'Global',
    missingSegment: 'Deleted segment',
    loadingSegment: 'Loading…',
    addedInclude: '{name} included.',
    addedExclude: '{name} excluded.',
    removedChip: '{name} removed.',
    audience: 'Audience',
    audienceEmpty: 'Include a segment to see who the campaign reaches.',
    audienceCounting: 'Counting the audience…',
    people: { one: '{count} person', other: '{count} people' },
    duplicates: { one: '{count} duplicate', other: '{count} duplicates' },
    noConsent: { one: '{count} without consent', other: '{count} without consent' },
    noPhone: { one: '{count} without a phone', other: '{count} without a phone' },
    noEmail: { one: '{count} without an email', other: '{count} without an email' },
    noContact: {
      one: '{count} without a phone or email',
      other: '{count} without a phone or email',
    },
    removed: '{list} removed',
    audienceFailed: 'The audience could not be counted. {message}',
    audienceBlocked: 'Fix the choice above to see the audience.',
    required: 'Include at least one segment.',
    both: '"{name}" is both included and excluded. Remove it from one of the lists.',
    missing: {
      one: 'A chosen segment no longer exists. Remove it.',
      other: '{count} chosen segments no longer exist. Remove them.',
    },
    importingChosen: '"{name}" is still importing. Finish its upload or remove it.',
  },
};

/** The shape of every translation table. */
export type Translation = typeof en;
