;;; emacs-eglot.el --- Eglot against Docker Coach, in a batch Emacs  -*- lexical-binding: t; -*-

;; Loads the user configuration DOCKER_COACH_INIT (the Eglot configuration of docs/editors.md for this Emacs),
;; visits web.dockerfile and docker-compose.override.yml in the current folder as a user would, and writes what
;; Emacs shows as JSON to DOCKER_COACH_RESULT: each buffer's mode and Flymake diagnostics, the hover and the code
;; actions on the MAINTAINER line, the text after the preferred fix, and the diagnostics after it.
;; test/editors/emacs.test.ts runs it and checks the JSON.

(load (expand-file-name "emacs-common" (file-name-directory load-file-name)) nil t)

(defun docker-coach-eglot-lsp (d)
  "The LSP diagnostic Eglot made the Flymake diagnostic D from."
  (cdr (assq 'eglot-lsp-diag (flymake-diagnostic-data d))))

(defun docker-coach-eglot-diagnostics ()
  "The current buffer's Flymake diagnostics, each with the LSP diagnostic it was made from, in order."
  (list (cons 'lsp
              (vconcat
               (mapcar (lambda (d)
                         (let ((lsp (docker-coach-eglot-lsp d)))
                           (list (cons 'line (line-number-at-pos (flymake-diagnostic-beg d)))
                                 (cons 'severity (plist-get lsp :severity))
                                 (cons 'rule (plist-get lsp :code))
                                 (cons 'text (flymake-diagnostic-text d)))))
                       (sort (flymake-diagnostics)
                             (lambda (a b) (< (flymake-diagnostic-beg a) (flymake-diagnostic-beg b)))))))
        (cons 'flymakeLines (docker-coach-flymake-lines))))

(docker-coach-run
 (lambda ()
   ;; The documented settings, with two rules changed: one off, one raised to an error.
   (setq-default eglot-workspace-configuration
                 '(:dockerCoach (:preset "recommended"
                                 :rules (:apt-get-no-recommends "off" :exec-form-cmd "error"))))
   (docker-coach-scenario
    (list :managed #'eglot-managed-p
          :diagnostics #'docker-coach-eglot-diagnostics
          :shows (lambda (rule)
                   (cl-some (lambda (d) (equal (plist-get (docker-coach-eglot-lsp d) :code) rule))
                            (flymake-diagnostics)))
          :hover (lambda ()
                   (let ((hover (jsonrpc-request (eglot--current-server-or-lose) :textDocument/hover
                                                 (eglot--TextDocumentPositionParams))))
                     (plist-get (plist-get hover :contents) :value)))
          :actions (lambda () (eglot-code-actions (line-beginning-position) (line-end-position)))
          :title (lambda (a) (plist-get a :title))
          :kind (lambda (a) (plist-get a :kind))
          :preferred (lambda (a) (eq (plist-get a :isPreferred) t))
          ;; What `M-x eglot-code-actions' does with the action picked.
          :apply (lambda (a) (eglot--apply-workspace-edit (plist-get a :edit)))))))

;;; emacs-eglot.el ends here
