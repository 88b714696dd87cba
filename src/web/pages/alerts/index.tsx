/** Placeholder: another engineer replaces this page. */
import { UnderConstruction } from '../../components/states.tsx';

export default function Page() {
  return <UnderConstruction title="预警" text="预警正在开发，完成后将在此集中显示逾期和即将到期的整改、信访、纠纷等事项。" />;
}
