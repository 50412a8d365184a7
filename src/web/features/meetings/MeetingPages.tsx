/** The meetings pages, one file each (split along the pages and their parts); kept so existing imports stay valid. */
export { ExperiencePage } from './ExperiencePage';
export { MeetingPage } from './MeetingPage';
export { TablePage } from './TablePage';
export { TablesPage } from './TablesPage';
