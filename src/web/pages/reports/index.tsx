/** Placeholder: another engineer replaces this page. */
import { UnderConstruction } from '../../components/states.tsx';

export default function Page() {
  return <UnderConstruction title="季度报告" text="季度报告的生成、预览、审核与报送正在开发，完成后可在此按季度生成报告、查看数字来源并导出公文格式。" />;
}
