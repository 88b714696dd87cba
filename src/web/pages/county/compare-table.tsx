/**
 * Towns side by side: one row per town, one column per indicator (grouped by line), the total
 * and the rank; every column sorts. Cells are coloured by met / partly met / unmet (a heat
 * map), and a click opens the records behind the town's number.
 */
import { Table, Tag, Tooltip } from 'antd';
import type { ColumnsType, ColumnType } from 'antd/es/table';
import { ASSESS_LINES } from '../../../shared/assess.ts';
import type { Assessment, ScoredIndicator, TownScore } from '../../../assess/types.ts';
import { LINE_LABELS } from '../../../shared/roles.ts';
import { cellTone, indicatorValue, num } from './format.ts';
import type { DrillTarget } from './records-drawer.tsx';

interface Props {
  data: Assessment;
  /** a phone: only the town column stays fixed, no sticky header */
  compact?: boolean;
  onDrill(t: DrillTarget): void;
  onTown(code: string): void;
}

function indicatorColumn(ind: ScoredIndicator, onDrill: Props['onDrill']): ColumnType<TownScore> {
  return {
    key: `i${ind.id}`,
    title: (
      <Tooltip title={`${ind.metricLabel}：${ind.comparator} ${indicatorValue(ind, ind.effectiveTarget)}，${ind.weight} 分${ind.veto ? '，一票否决' : ''}`}>
        <span>
          {ind.name}
          {ind.veto ? (
            <Tag color="red" style={{ marginLeft: 4, marginRight: 0 }}>
              否决
            </Tag>
          ) : null}
        </span>
      </Tooltip>
    ),
    width: 112,
    align: 'center',
    sorter: (a, b) => (a.cells[ind.id]?.score ?? 0) - (b.cells[ind.id]?.score ?? 0) || (a.cells[ind.id]?.value ?? -1) - (b.cells[ind.id]?.value ?? -1),
    onCell: (t) => {
      const tone = cellTone(t.cells[ind.id], ind.weight);
      return { style: { background: tone.bg, padding: 0 } };
    },
    render: (_: unknown, t) => {
      const cell = t.cells[ind.id];
      const tone = cellTone(cell, ind.weight);
      const shown = indicatorValue(ind, cell?.value);
      return (
        <button
          type="button"
          style={{ border: 0, background: 'transparent', width: '100%', padding: '6px 4px', cursor: 'pointer', font: 'inherit', color: tone.fg }}
          title={`${t.org.name} · ${ind.name}：${shown}（${tone.label}，得 ${num(cell?.score)} 分）——点击查看记录`}
          onClick={() => onDrill({ metric: ind.metric, org: t.org.code, orgName: t.org.name, title: ind.name, shown })}
        >
          <div style={{ fontWeight: 600 }}>{shown}</div>
          <div style={{ fontSize: 11, opacity: 0.85 }}>
            {num(cell?.score)} / {num(ind.weight)} 分
          </div>
        </button>
      );
    },
  };
}

export function CompareTable({ data, onDrill, onTown, compact }: Props) {
  const fixed = compact ? undefined : ('left' as const);
  const groups = ASSESS_LINES.map((line) => ({ line, inds: data.indicators.filter((i) => i.line === line) })).filter((g) => g.inds.length);
  const columns: ColumnsType<TownScore> = [
    {
      key: 'rank',
      title: '排名',
      width: compact ? 52 : 64,
      fixed,
      align: 'center',
      sorter: (a, b) => (a.rank ?? 999) - (b.rank ?? 999),
      defaultSortOrder: 'ascend',
      render: (_, t) => <b style={{ color: t.rank != null && t.rank <= 3 && !t.vetoed ? '#c0392b' : undefined }}>{t.rank ?? '—'}</b>,
    },
    {
      key: 'town',
      title: '镇',
      width: compact ? 92 : 104,
      fixed: 'left',
      sorter: (a, b) => a.org.name.localeCompare(b.org.name, 'zh-CN'),
      render: (_, t) => (
        <a onClick={() => onTown(t.org.code)}>
          {t.org.name}
          {t.vetoed ? (
            <div>
              <Tag color="red" style={{ margin: 0 }}>
                一票否决
              </Tag>
            </div>
          ) : null}
        </a>
      ),
    },
    {
      key: 'total',
      title: '总分',
      width: 84,
      fixed,
      align: 'center',
      sorter: (a, b) => a.total - b.total,
      render: (_, t) => (
        <span>
          <b style={{ fontSize: 16 }}>{num(t.total)}</b>
          <span style={{ color: '#888', fontSize: 12 }}> / {num(t.max)}</span>
        </span>
      ),
    },
    ...groups.map((g) => ({
      key: g.line,
      title: `${LINE_LABELS[g.line]}（${num(g.inds.reduce((s, i) => s + i.weight, 0))} 分）`,
      children: [
        {
          key: `${g.line}-sum`,
          title: '小计',
          width: 72,
          align: 'center' as const,
          sorter: (a: TownScore, b: TownScore) => (a.lines[g.line]?.score ?? 0) - (b.lines[g.line]?.score ?? 0),
          render: (_: unknown, t: TownScore) => <b>{num(t.lines[g.line]?.score)}</b>,
        },
        ...g.inds.map((i) => indicatorColumn(i, onDrill)),
      ],
    })),
  ];
  const width = 252 + groups.reduce((s, g) => s + 72 + g.inds.length * 112, 0);
  return (
    <Table<TownScore>
      size="small"
      bordered
      rowKey={(t) => t.org.code}
      columns={columns}
      dataSource={data.towns}
      pagination={false}
      scroll={{ x: width }}
      sticky={!compact}
      locale={{ emptyText: '本县暂无镇' }}
    />
  );
}
