/** Placeholder: another engineer replaces this page. */
import { UnderConstruction } from '../../components/states.tsx';

export default function Page() {
  return <UnderConstruction title="报告核查" text="报告核查正在开发，完成后可上传或粘贴报告，自动检查遗留占位符、编号、比率与数量是否一致等问题。" />;
}
