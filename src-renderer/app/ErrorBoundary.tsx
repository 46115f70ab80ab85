import { Component, type ErrorInfo, type ReactNode } from 'react';

type State = { error: Error | null };

/** A page that throws while rendering shows a message instead of a blank window; the data is untouched. */
export class ErrorBoundary extends Component<{ children: ReactNode }, State> {
  override state: State = { error: null };

  static getDerivedStateFromError(error: Error): State {
    return { error };
  }

  override componentDidCatch(error: Error, info: ErrorInfo): void {
    console.error('render failed', error, info.componentStack);
  }

  override render(): ReactNode {
    if (!this.state.error) return this.props.children;
    return (
      <div className="page-error" role="alert">
        <h2>此页面出现错误</h2>
        <p>已保存的数据不受影响。请切换到其他页面后再回来，或重新打开程序。</p>
        <details>
          <summary>技术信息（反馈问题时请提供）</summary>
          <pre>{String(this.state.error.stack ?? this.state.error.message)}</pre>
        </details>
        <button type="button" onClick={() => this.setState({ error: null })}>
          重试
        </button>
      </div>
    );
  }
}
