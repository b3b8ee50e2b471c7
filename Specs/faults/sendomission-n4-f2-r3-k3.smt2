; Consensus under send omission: 4 processes, 2 faulty (its messages may be dropped, it still runs and decides), 3 round(s), 3 states. Agreement and validity among correct processes. F rounds are too few (crashes are a special case of send omission); FloodSet is wrong even in F+1 rounds (a faulty process holding 0 can stay silent, then tell only some).
(set-info :processes 4)
(set-info :faulty 2)
(set-info :faults send-omission)
(set-info :losses 0)
(set-info :rounds 3)
(set-info :inputs 2)
(set-info :decisions 2)
(set-info :states 3)
(set-info :round-aware false)
(set-info :expect realizable)

(define-fun agreement () Bool
  (forall ((i Proc) (j Proc))
    (=> (and (correct i) (correct j)) (= (decision i) (decision j)))))
(define-fun validity () Bool
  (forall ((v Int))
    (=> (forall ((i Proc)) (= (input i) v))
        (forall ((i Proc)) (=> (correct i) (= (decision i) v))))))
(assert agreement)
(assert validity)
