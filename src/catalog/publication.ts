import { defineLedger } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { evidenceField, noteField, opts } from './fields.ts';

/**
 * 新闻宣传: news leads, work information and original articles. `adoption` is the highest
 * level that adopted or reprinted the item (a national one counts for city and county too).
 */
export default defineLedger({
  key: 'publication',
  label: '新闻宣传',
  line: 'publicity',
  fields: [
    { key: 'kind', label: '类型', kind: 'enum', required: true, options: opts({ newsLead: '新闻线索', infoItem: '工作信息', article: '原创文章' }) },
    { key: 'title', label: '标题', kind: 'text', required: true, maxLength: 200 },
    { key: 'publishedOn', label: '报送/发布日期', kind: 'date', required: true, default: 'today' },
    { key: 'outlet', label: '报送单位/发布平台', kind: 'text', maxLength: 100, help: '如：县融媒体中心、县委办信息科、本镇公众号' },
    { key: 'author', label: '作者/报送人', kind: 'person' },
    {
      key: 'adoption',
      label: '采用情况',
      kind: 'enum',
      required: true,
      default: 'none',
      options: opts({ none: '未采用', county: '县级采用', city: '市级采用', national: '国家级采用' }),
    },
    { key: 'adoptedBy', label: '采用媒体', kind: 'text', maxLength: 100 },
    { key: 'url', label: '链接', kind: 'text', maxLength: 500, hiddenInList: true },
    evidenceField('截图或报样'),
    noteField(),
  ],
  dateField: 'publishedOn',
  kindField: 'kind',
  titleField: 'title',
  columns: { sub: 'adoption', person: 'author' },
  access: lineAccess('publicity'),
  listColumns: ['kind', 'title', 'publishedOn', 'outlet', 'adoption', 'adoptedBy'],
});
