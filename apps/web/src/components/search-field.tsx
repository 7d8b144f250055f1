interface SearchFieldProps {
  id: string
  label: string
  value: string
  onChange: (value: string) => void
  placeholder?: string
}

/** A labelled search box for filtering a list. */
export function SearchField({ id, label, value, onChange, placeholder }: SearchFieldProps) {
  return (
    <div className="filter filter-grow">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={value}
        placeholder={placeholder}
        onChange={(e) => onChange(e.target.value)}
        autoComplete="off"
      />
    </div>
  )
}
