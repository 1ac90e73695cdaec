import { LockOutlined, SafetyCertificateOutlined, TeamOutlined, UserOutlined, HomeOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Flex } from 'antd';
import Input from 'antd/es/input/Input';
import Password from 'antd/es/input/Password';
import { type FormEvent, type ReactNode, useEffect, useState } from 'react';
import { Navigate, useLocation, useNavigate } from 'react-router';
import { api, ApiError } from '../api/client.ts';
import type { Me } from '../api/types.ts';
import { prefetchSignedIn } from '../app/routes.tsx';
import { homeOf, ME_KEY, useMe } from '../app/session.tsx';
import { LangSwitch } from '../components/LangSwitch.tsx';
import { PageLoading } from '../components/PageLoading.tsx';
import { useT } from '../i18n/index.tsx';

interface LoginForm {
  username: string;
  password: string;
}
type FieldErrors = Partial<Record<keyof LoginForm, string>>;

/** A labelled field with its error below, drawn like antd's vertical Form.Item (the login page does without antd Form: npm run bench:web). */
function Field({ id, label, error, children }: { id: string; label: string; error?: string; children: ReactNode }) {
  return (
    <div className="wd-login-field">
      <label htmlFor={id}>{label}</label>
      {children}
      {error && (
        <div className="wd-login-field-error" role="alert">
          {error}
        </div>
      )}
    </div>
  );
}

export default function LoginPage() {
  const t = useT();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const location = useLocation();
  const { data: me, isPending } = useMe();
  const [values, setValues] = useState<LoginForm>({ username: '', password: '' });
  const [fieldErrors, setFieldErrors] = useState<FieldErrors>({});
  const [error, setError] = useState<{ message: string; limited: boolean } | null>(null);
  const [submitting, setSubmitting] = useState(false);
  // Once the form is up, fetch what the first signed-in page needs while the user types.
  useEffect(() => {
    const timer = setTimeout(prefetchSignedIn, 200);
    return () => clearTimeout(timer);
  }, []);

  if (isPending) return <PageLoading />;
  if (me) return <Navigate to={homeOf(me.user.role)} replace />;

  const from = (location.state as { from?: string } | null)?.from;

  const submit = async (values: LoginForm) => {
    setSubmitting(true);
    setError(null);
    try {
      const result = await api<Me>('/api/v1/auth/login', { body: values });
      qc.setQueryData(ME_KEY, result);
      const isOwner = result.user.role === 'owner';
      // Go back where the session ended, if that page belongs to this kind of user.
      const back = from && from !== '/login' && from.startsWith('/portal') === isOwner ? from : homeOf(result.user.role);
      navigate(back, { replace: true });
    } catch (err) {
      if (err instanceof ApiError) {
        setError({ message: err.message, limited: err.status === 429 });
        if (err.fields.username || err.fields.password) setFieldErrors({ username: err.fields.username, password: err.fields.password });
      } else setError({ message: t('error.generic'), limited: false });
    } finally {
      setSubmitting(false);
    }
  };

  const edit = (name: keyof LoginForm, value: string) => {
    setValues((v) => ({ ...v, [name]: value }));
    setFieldErrors((f) => ({ ...f, [name]: undefined }));
  };
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const missing: FieldErrors = {
      username: values.username.trim() ? undefined : t('login.usernameRequired'),
      password: values.password ? undefined : t('login.passwordRequired'),
    };
    setFieldErrors(missing);
    if (!missing.username && !missing.password) void submit(values);
  };

  return (
    <div className="wd-login">
      <div className="wd-login-lang">
        <LangSwitch />
      </div>
      <Flex className="wd-login-inner" align="center" justify="center" gap={64} wrap>
        <div className="wd-login-intro">
          <Flex align="center" gap={14}>
            <span className="wd-logo-mark wd-logo-mark-lg">
              <HomeOutlined />
            </span>
            <div>
              <h2 className="wd-login-name">{t('app.name')}</h2>
              <span className="wd-login-brand">Wuye Desk</span>
            </div>
          </Flex>
          <p className="wd-login-tagline">{t('login.subtitle')}</p>
          <ul className="wd-login-points">
            <li>
              <HomeOutlined /> {t('login.point.archive')}
            </li>
            <li>
              <TeamOutlined /> {t('login.point.roles')}
            </li>
            <li>
              <SafetyCertificateOutlined /> {t('login.point.privacy')}
            </li>
          </ul>
        </div>
        {/* Plain elements rather than antd Card and Typography: the login page is the first load (npm run bench:web). */}
        <div className="wd-login-card">
          <h3 className="wd-login-title">{t('login.title')}</h3>
          <p className="wd-login-hint">{t('login.hint')}</p>
          {error && (
            <Alert
              type={error.limited ? 'warning' : 'error'}
              showIcon
              title={error.limited ? t('login.rateLimitedTitle') : error.message}
              description={error.limited ? error.message : undefined}
              style={{ marginBottom: 16 }}
              data-testid="login-error"
            />
          )}
          <form name="login" onSubmit={onSubmit} noValidate>
            <Field id="login_username" label={t('login.username')} error={fieldErrors.username}>
              <Input
                id="login_username"
                size="large"
                status={fieldErrors.username ? 'error' : undefined}
                value={values.username}
                onChange={(e) => edit('username', e.target.value)}
                prefix={<UserOutlined />}
                autoComplete="username"
                autoFocus
                data-testid="login-username"
                placeholder={t('login.usernamePlaceholder')}
              />
            </Field>
            <Field id="login_password" label={t('login.password')} error={fieldErrors.password}>
              <Password
                id="login_password"
                size="large"
                status={fieldErrors.password ? 'error' : undefined}
                value={values.password}
                onChange={(e) => edit('password', e.target.value)}
                prefix={<LockOutlined />}
                autoComplete="current-password"
                data-testid="login-password"
                placeholder={t('login.passwordPlaceholder')}
              />
            </Field>
            <Button type="primary" size="large" htmlType="submit" block loading={submitting} data-testid="login-submit">
              {t('login.submit')}
            </Button>
          </form>
          <p className="wd-login-hint wd-login-foot">{t('login.footer')}</p>
        </div>
      </Flex>
    </div>
  );
}
