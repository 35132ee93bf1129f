export const handler = async (event) => {
  if (event.renderPdf) {
    // deliberately lazy: only PDF requests pay for loading the renderer
    const { renderPdf } = await import('pdf-renderer');
    return { pdf: await renderPdf(event.html) };
  }
  return { html: event.html };
};
