/**
 * One town's assessment, indicator by indicator: target, actual value, score and status, by
 * line. The town's own view of the county page, and the reviewer's view of one town.
 */
import { Alert, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { ASSESS_LINES, COMPARATOR_LABELS } from '../../../shared/assess.ts';
import type { ScoredIndicator, TownScore } from '../../../assess/types.ts';
import { LINE_LABELS } from '../../../shared/roles.ts';
import { cellTone, indicatorValue, num } from './format.ts';
import type { DrillTarget } from './records-drawer.tsx';

export function Scorecard({
  indicators,
  town,
  onDrill,
  compact,
}: {
  indicators: ScoredIndicator[];
  town: TownScore;
  onDrill(t: DrillTarget): void;
  compact?: boolean;
}) {
  const order = new Map(ASSESS_LINES.map((l, i) => [l, i]));
  const rows = [...indicators].sort((a, b) => (order.get(a.line) ?? 9) - (order.get(b.line) ?? 9) || a.sort - b.sort);
  const lineRows = (line: string) => rows.filter((r) => r.line === line).length;
  const columns: ColumnsType<ScoredIndicator> = [
    {
      key: 'line',
      title: '条线',
      width: 88,
      onCell: (r, i) => ({ rowSpan: i === 0 || rows[(i ?? 0) - 1]?.line !== r.line ? lineRows(r.line) : 0 }),
      render: (_, r) => (
        <div>
          <div>{LINE_LABELS[r.line]}</div>
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {num(town.lines[r.line]?.score)} / {num(town.lines[r.line]?.max)} 分
          </Typography.Text>
        </div>
      ),
    },
    {
      key: 'name',
      title: '指标',
      render: (_, r) => (
        <div>
          {r.name}
          {r.veto ? (
            <Tag color="red" style={{ marginLeft: 6 }}>
              一票否决
            </Tag>
          ) : null}
          {!compact && r.note ? <div style={{ color: '#888', fontSize: 12 }}>{r.note}</div> : null}
        </div>
      ),
    },
    { key: 'target', title: '目标', width: 96, render: (_, r) => `${COMPARATOR_LABELS[r.comparator]} ${indicatorValue(r, r.effectiveTarget)}` },
    {
      key: 'value',
      title: '实际',
      width: 96,
      render: (_, r) => {
        const shown = indicatorValue(r, town.cells[r.id]?.value);
        return <a onClick={() => onDrill({ metric: r.metric, org: town.org.code, orgName: town.org.name, title: r.name, shown })}>{shown}</a>;
      },
    },
    {
      key: 'score',
      title: '得分',
      width: 104,
      onCell: (r) => ({ style: { background: cellTone(town.cells[r.id], r.weight).bg } }),
      render: (_, r) => {
        const tone = cellTone(town.cells[r.id], r.weight);
        return (
          <span style={{ color: tone.fg }}>
            <b>{num(town.cells[r.id]?.score)}</b> / {num(r.weight)}
            <div style={{ fontSize: 12 }}>{tone.label}</div>
          </span>
        );
      },
    },
  ];
  return (
    <>
      {town.vetoed ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          message={`一票否决：${rows
            .filter((r) => town.vetoes.includes(r.id))
            .map((r) => r.name)
            .join('、')}未达标`}
        />
      ) : null}
      <Table<ScoredIndicator> size="small" bordered rowKey="id" columns={columns} dataSource={rows} pagination={false} scroll={{ x: 520 }} />
    </>
  );
}
