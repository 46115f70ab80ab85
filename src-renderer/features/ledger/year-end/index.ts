export { YearEndPanel, carryableYears } from './YearEndPanel';
export { yearEndErrorText } from './messages';
