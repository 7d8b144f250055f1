import { NavLink } from 'react-router'
import { NavIcon } from './nav-icon.tsx'
import { navItems } from './nav-items.ts'
import { useSession } from './session-context.tsx'

export function SidebarNav() {
  const { can } = useSession()
  const items = navItems.filter((item) => can(item.reads))
  return (
    <nav aria-label="Main">
      <ul className="nav-list">
        {items.map((item) => (
          <li key={item.path}>
            <NavLink
              to={item.path === '' ? '/app' : `/app/${item.path}`}
              end={item.path === ''}
              className="nav-link"
            >
              <NavIcon name={item.icon} />
              <span>{item.label}</span>
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  )
}
