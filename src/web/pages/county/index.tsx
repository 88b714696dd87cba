/** Placeholder: another engineer replaces this page. */
import { UnderConstruction } from '../../components/states.tsx';

export default function Page() {
  return <UnderConstruction title="对比与考核" text="县级对比与考核正在开发，完成后可在此按指标比较各镇、评分并审核各镇报告。" />;
}
