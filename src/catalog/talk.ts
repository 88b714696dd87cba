import { defineLedger } from '../ledger/types.ts';
import { lineAccess } from '../ledger/access.ts';
import { evidenceField, noteField, opts } from './fields.ts';

/**
 * 谈话: 廉政履职谈话, 谈心谈话, 提醒/诫勉谈话 and 函询. One row per talk; `talkees` is a list so
 * its length is the person-times (人次). For 函询 the reply is due 15 working days after the
 * letter is received (`receivedOn`, when not recorded the letter's date `occurredOn` stands in);
 * the working-day calendar is applied by the alert rule talk.inquiryReplyOverdue (docs/domain.md).
 */
export default defineLedger({
  key: 'talk',
  label: '谈话',
  line: 'discipline',
  fields: [
    {
      key: 'kind',
      label: '谈话类型',
      kind: 'enum',
      required: true,
      options: opts({ integrityDuty: '廉政履职谈话', heartToHeart: '谈心谈话', reminder: '提醒谈话', admonish: '诫勉谈话', inquiry: '函询' }),
    },
    { key: 'talker', label: '谈话人', kind: 'person' },
    { key: 'talkees', label: '谈话对象', kind: 'list', of: 'person', help: '人数即谈话人次' },
    { key: 'occurredOn', label: '谈话日期', kind: 'date', required: true, default: 'today' },
    { key: 'topic', label: '谈话事由', kind: 'text', maxLength: 200 },
    { key: 'content', label: '主要内容', kind: 'longText', maxLength: 4000, hiddenInList: true },
    { key: 'receivedOn', label: '收函日期', kind: 'date', hiddenInList: true, help: '函询：被函询人收到函件的日期；未填时按谈话（发函）日期计算回复期限' },
    { key: 'replyDueOn', label: '函询回复期限', kind: 'date', help: '函询：收函后15个工作日内写出说明材料' },
    { key: 'repliedOn', label: '函询回复日期', kind: 'date' },
    evidenceField('谈话记录'),
    noteField(),
  ],
  dateField: 'occurredOn',
  kindField: 'kind',
  titleField: 'topic',
  columns: { n1: 'talkees', person: 'talker', dueOn: 'replyDueOn', doneOn: 'repliedOn', date2: 'receivedOn' },
  access: lineAccess('discipline'),
  listColumns: ['kind', 'talker', 'talkees', 'occurredOn', 'topic'],
});
