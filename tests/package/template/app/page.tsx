export default function Home() {
  return (
    <main>
      <h1>To get started, edit the page.tsx file.</h1>
      <a href="/settings">Settings</a>
    </main>
  );
}
