import { useId, useState, type FormEvent } from 'react';

export interface TokenFormProps {
  token: string;
  onSave: (token: string) => void;
}

/** Enter, replace or forget the access token kept in this browser. */
export function TokenForm({ token, onSave }: TokenFormProps) {
  const [draft, setDraft] = useState(token);
  const inputId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSave(draft.trim());
  };

  return (
    <form className="token-form" onSubmit={submit}>
      <label htmlFor={inputId}>Access token</label>
      <div className="token-form__row">
        <input
          id={inputId}
          name="token"
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
        />
        <button type="submit">Save</button>
        {token && (
          <button type="button" onClick={() => onSave('')}>
            Forget
          </button>
        )}
      </div>
      <p className="token-form__hint">Kept in this browser only.</p>
    </form>
  );
}
